package io.rooms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON lines of a comparison run into Markdown tables with ratios (Rooms over the peer)
 * and a PNG plot of deliveries per second and p99 latency against offered load.
 * {@code java -cp rooms-bench.jar io.rooms.bench.Report results.jsonl plot.png}
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {}

    public static void main(String[] args) throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                runs.add(JSON.readTree(line));
            }
        }
        Map<String, Map<String, JsonNode>> byCase = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            String key = run.get("scenario").asText().replaceAll(" \\(RSS.*", "") + " @ " + run.get("offeredRate").asInt();
            byCase.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(run.get("server").asText(), run);
        }
        System.out.println("| case | metric | rooms | node | rooms / node |");
        System.out.println("|---|---|---:|---:|---:|");
        for (Map.Entry<String, Map<String, JsonNode>> entry : byCase.entrySet()) {
            JsonNode rooms = entry.getValue().get("rooms");
            JsonNode node = entry.getValue().get("node");
            if (rooms == null || node == null) {
                continue;
            }
            boolean idle = rooms.get("offeredRate").asInt() == 0;
            List<String> metrics = idle ? List.of("serverRssMb", "serverHeapKbPerConnection", "connectMillis")
                    : List.of("deliveriesPerSecond", "loss", "p50Micros", "p99Micros", "serverCpuMicrosPerDelivery",
                            "serverRssMb", "generatorCpuPercent");
            for (String metric : metrics) {
                double a = rooms.get(metric).asDouble();
                double b = node.get(metric).asDouble();
                String ratio = b > 0 && a >= 0 ? String.format(Locale.ROOT, "%.2f", a / b) : "";
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", entry.getKey(), metric, fmt(a), fmt(b), ratio);
            }
        }
        if (args.length > 1) {
            plot(runs, Path.of(args[1]));
        }
    }

    private static void plot(List<JsonNode> runs, Path file) throws Exception {
        Map<String, TreeMap<Integer, JsonNode>> sweep = new TreeMap<>();
        for (JsonNode run : runs) {
            if (run.get("scenario").asText().equals("sweep")) {
                sweep.computeIfAbsent(run.get("server").asText(), k -> new TreeMap<>())
                        .put(run.get("offeredRate").asInt(), run);
            }
        }
        List<Plot.Series> deliveries = new ArrayList<>();
        List<Plot.Series> p99 = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, JsonNode>> server : sweep.entrySet()) {
            Color color = Plot.palette().getOrDefault(server.getKey(), Color.GRAY);
            List<double[]> d = new ArrayList<>();
            List<double[]> p = new ArrayList<>();
            server.getValue().forEach((rate, run) -> {
                d.add(new double[] {rate, run.get("deliveriesPerSecond").asDouble()});
                p.add(new double[] {rate, run.get("p99Micros").asDouble() / 1000});
            });
            deliveries.add(new Plot.Series(server.getKey(), color, d));
            p99.add(new Plot.Series(server.getKey(), color, p));
        }
        Plot.write(file, List.of(
                new Plot.Panel("Deliveries per second (100 rooms x 10)", "offered messages per second", "deliveries/s",
                        deliveries),
                new Plot.Panel("p99 latency", "offered messages per second", "p99 ms", p99)));
    }

    private static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
