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

    /** The servers in the order their columns are printed; Rooms is compared with each of the others. */
    private static final List<String> ORDER = List.of("rooms", "uws", "node");

    public static void main(String[] args) throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank()) {
                runs.add(JSON.readTree(line));
            }
        }
        // case -> server -> the rounds' runs
        Map<String, Map<String, List<JsonNode>>> byCase = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            String key = run.get("scenario").asText().replaceAll(" \\(RSS.*", "") + " @ " + run.get("offeredRate").asInt();
            byCase.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(run.get("server").asText(), k -> new ArrayList<>()).add(run);
        }
        List<String> servers = new ArrayList<>();
        byCase.values().forEach(m -> m.keySet().forEach(server -> {
            if (!servers.contains(server)) {
                servers.add(server);
            }
        }));
        servers.sort(java.util.Comparator.comparingInt(server -> ORDER.indexOf(server) < 0 ? 99 : ORDER.indexOf(server)));
        List<String> others = servers.stream().filter(server -> !server.equals("rooms")).toList();

        StringBuilder header = new StringBuilder("| case | metric |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String server : servers) {
            header.append(' ').append(server).append(" median (min to max) |");
            rule.append("---:|");
        }
        for (String other : others) {
            header.append(" rooms / ").append(other).append(" |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (Map.Entry<String, Map<String, List<JsonNode>>> entry : byCase.entrySet()) {
            List<JsonNode> any = entry.getValue().values().iterator().next();
            boolean idle = any.get(0).get("offeredRate").asInt() == 0;
            List<String> metrics = idle ? List.of("serverRssMb", "serverHeapKbPerConnection", "connectMillis")
                    : List.of("deliveriesPerSecond", "loss", "p50Micros", "p99Micros", "serverCpuMicrosPerDelivery",
                            "serverCompilerCpuSeconds", "serverRssMb", "generatorCpuPercent");
            for (String metric : metrics) {
                StringBuilder row = new StringBuilder("| " + entry.getKey() + " | " + metric + " |");
                Map<String, Double> medians = new LinkedHashMap<>();
                for (String server : servers) {
                    List<Double> values = new ArrayList<>();
                    for (JsonNode run : entry.getValue().getOrDefault(server, List.of())) {
                        JsonNode value = run.get(metric);
                        if (value != null && value.asDouble() >= 0) {
                            values.add(value.asDouble());
                        }
                    }
                    if (values.isEmpty()) {
                        row.append(" |");
                        continue;
                    }
                    values.sort(Double::compare);
                    double median = values.size() % 2 == 1 ? values.get(values.size() / 2)
                            : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
                    medians.put(server, median);
                    row.append(' ').append(fmt(median));
                    if (values.size() > 1) {
                        row.append(" (").append(fmt(values.get(0))).append(" to ").append(fmt(values.get(values.size() - 1)))
                                .append(')');
                    }
                    row.append(" |");
                }
                for (String other : others) {
                    Double a = medians.get("rooms");
                    Double b = medians.get(other);
                    row.append(a != null && b != null && b > 0 ? String.format(Locale.ROOT, " %.2f |", a / b) : " |");
                }
                System.out.println(row);
            }
        }
        if (args.length > 1) {
            plot(runs, Path.of(args[1]));
        }
    }

    private static void plot(List<JsonNode> runs, Path file) throws Exception {
        Map<String, TreeMap<Integer, List<JsonNode>>> rounds = new TreeMap<>();
        for (JsonNode run : runs) {
            if (run.get("scenario").asText().equals("sweep")) {
                rounds.computeIfAbsent(run.get("server").asText(), k -> new TreeMap<>())
                        .computeIfAbsent(run.get("offeredRate").asInt(), k -> new ArrayList<>()).add(run);
            }
        }
        // The median round, by deliveries per second, stands for each point.
        Map<String, TreeMap<Integer, JsonNode>> sweep = new TreeMap<>();
        rounds.forEach((server, byRate) -> byRate.forEach((rate, list) -> {
            List<JsonNode> sorted = new ArrayList<>(list);
            sorted.sort(java.util.Comparator.comparingDouble(run -> run.get("deliveriesPerSecond").asDouble()));
            sweep.computeIfAbsent(server, k -> new TreeMap<>()).put(rate, sorted.get(sorted.size() / 2));
        }));
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
