package io.rooms.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one load run: a JSON line each, a Markdown row in a sweep. */
record RunResult(
        String server,
        String scenario,
        int rooms,
        int clientsPerRoom,
        int sendersPerRoom,
        int offeredRate,
        double durationSeconds,
        int payloadBytes,
        long connectMillis,
        long sent,
        long expected,
        long received,
        double deliveriesPerSecond,
        double p50Micros,
        double p99Micros,
        double maxMicros,
        double serverCpuMicrosPerDelivery,
        double serverRssMb,
        double serverHeapKbPerConnection,
        double generatorCpuPercent,
        double p50SameNodeMicros,
        double p99SameNodeMicros,
        double p50CrossNodeMicros,
        double p99CrossNodeMicros,
        double serverCompilerCpuSeconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    long loss() {
        return expected - received;
    }

    String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("server", server);
        fields.put("scenario", scenario);
        fields.put("rooms", rooms);
        fields.put("clientsPerRoom", clientsPerRoom);
        fields.put("sendersPerRoom", sendersPerRoom);
        fields.put("offeredRate", offeredRate);
        fields.put("durationSeconds", durationSeconds);
        fields.put("payloadBytes", payloadBytes);
        fields.put("connectMillis", connectMillis);
        fields.put("sent", sent);
        fields.put("expected", expected);
        fields.put("received", received);
        fields.put("loss", loss());
        fields.put("deliveriesPerSecond", round(deliveriesPerSecond));
        fields.put("p50Micros", round(p50Micros));
        fields.put("p99Micros", round(p99Micros));
        fields.put("maxMicros", round(maxMicros));
        fields.put("serverCpuMicrosPerDelivery", round(serverCpuMicrosPerDelivery));
        fields.put("serverRssMb", round(serverRssMb));
        fields.put("serverHeapKbPerConnection", round(serverHeapKbPerConnection));
        fields.put("generatorCpuPercent", round(generatorCpuPercent));
        fields.put("serverCompilerCpuSeconds", round(serverCompilerCpuSeconds));
        if (!Double.isNaN(p50CrossNodeMicros)) {
            fields.put("p50SameNodeMicros", round(p50SameNodeMicros));
            fields.put("p99SameNodeMicros", round(p99SameNodeMicros));
            fields.put("p50CrossNodeMicros", round(p50CrossNodeMicros));
            fields.put("p99CrossNodeMicros", round(p99CrossNodeMicros));
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String markdownHeader() {
        return "| server | scenario | offered/s | deliveries/s | loss | p50 ms | p99 ms | max ms | server CPU µs/delivery"
                + " | server RSS MB | heap KB/conn | generator CPU % |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    String markdownRow() {
        return String.format(java.util.Locale.ROOT,
                "| %s | %s | %d | %.0f | %d | %.2f | %.2f | %.2f | %.2f | %.0f | %s | %.0f |",
                server, scenario, offeredRate, deliveriesPerSecond, loss(), p50Micros / 1000, p99Micros / 1000,
                maxMicros / 1000, serverCpuMicrosPerDelivery, serverRssMb,
                Double.isNaN(serverHeapKbPerConnection) ? "" : String.format(java.util.Locale.ROOT, "%.1f",
                        serverHeapKbPerConnection), generatorCpuPercent);
    }

    private static double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? -1 : Math.round(value * 100) / 100.0;
    }
}
