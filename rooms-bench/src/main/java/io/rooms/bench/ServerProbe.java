package io.rooms.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a run reads of the servers under test: their CPU and memory from /proc, and a JVM server's
 * used heap from its /metrics. {@code pids} empty when unknown; {@code heapMetrics} null when
 * unavailable.
 */
final class ServerProbe {
    private final List<Long> pids;
    private final URI heapMetrics;

    ServerProbe(List<Long> pids, URI heapMetrics) {
        this.pids = pids;
        this.heapMetrics = heapMetrics;
    }

    /** The servers' CPU and memory, summed over their processes; null when unknown. */
    ProcStats stats() {
        if (pids.isEmpty()) {
            return null;
        }
        long ticks = 0;
        long rss = 0;
        long compiler = 0;
        for (long pid : pids) {
            ProcStats stats = ProcStats.of(pid);
            ticks += stats.cpuTicks();
            rss += stats.rssKb();
            compiler += stats.compilerTicks();
        }
        return new ProcStats(ticks, rss, compiler);
    }

    /** The text of a server's Prometheus /metrics. */
    static String scrape(URI metrics) throws java.io.IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The server's used heap after a full GC, from its /metrics (JVM servers only), or NaN. */
    double heapBytes() {
        if (heapMetrics == null || pids.isEmpty() || pids.get(0) <= 0) {
            return Double.NaN;
        }
        try {
            new ProcessBuilder("jcmd", String.valueOf(pids.get(0)), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            return scrape(heapMetrics).lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
