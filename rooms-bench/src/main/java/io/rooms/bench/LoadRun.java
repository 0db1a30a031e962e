package io.rooms.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * One load run against any server that speaks the rooms contract: connect and join every client,
 * send at the offered rate for a warm-up and then a measured window, and count what arrives.
 * Non-blocking Jetty clients on a few threads, so that the generator is not what it measures.
 */
final class LoadRun {
    /**
     * What to run. With several {@code urls} (the nodes of a cluster), each room's clients are spread
     * over them in turn. {@code serverPids} is empty when unknown (with several, their CPU and memory
     * are summed); {@code heapMetrics} null when unavailable; {@code timelineMillis} 0 for no
     * {@link Timeline}.
     */
    record Plan(List<URI> urls, String label, String scenario, int rooms, int clientsPerRoom, int sendersPerRoom,
            int rate, Duration warmup, Duration duration, int payloadBytes, List<Long> serverPids, URI heapMetrics,
            boolean idle, int timelineMillis) {
        long serverPid() {
            return serverPids.isEmpty() ? -1 : serverPids.get(0);
        }
    }

    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Plan plan;
    private final LongAdder received = new LongAdder();
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final ConcurrentHistogram sameNodeMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final ConcurrentHistogram crossNodeMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private volatile long warmupStart;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private final Timeline timeline;
    /**
     * The warm-up's deliveries, recorded as the window's are (timeline too) and then dropped, so that
     * the generator's recording is compiled before the window opens: cold, the window's first
     * deliveries would time the generator compiling it as well as the server.
     */
    private final LongAdder warmupReceived = new LongAdder();
    private final ConcurrentHistogram warmupMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final Timeline warmupTimeline;

    LoadRun(Plan plan) {
        this.plan = plan;
        this.timeline = plan.timelineMillis() > 0
                ? new Timeline(plan.timelineMillis(), plan.duration().toMillis()) : null;
        this.warmupTimeline = plan.timelineMillis() > 0
                ? new Timeline(plan.timelineMillis(), plan.warmup().toMillis()) : null;
    }

    RunResult run() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("bench-client");
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
        http.setExecutor(threads);
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(16L * 1024 * 1024);
        client.setIdleTimeout(Duration.ofMinutes(10));
        client.start();
        try {
            double heapBefore = plan.idle() ? serverHeapBytes() : Double.NaN;
            ProcStats rssBefore = serverStats();
            long connectStart = System.nanoTime();
            List<Member> members = connectAll(client);
            long connectMillis = (System.nanoTime() - connectStart) / 1_000_000;
            if (plan.idle()) {
                return idleResult(members, connectMillis, heapBefore, rssBefore);
            }
            return loadResult(members, connectMillis);
        } finally {
            client.stop();
            http.stop();
        }
    }

    private List<Member> connectAll(WebSocketClient client) throws Exception {
        int total = plan.rooms() * plan.clientsPerRoom();
        CountDownLatch joined = new CountDownLatch(total);
        Semaphore inFlight = new Semaphore(200);
        List<Member> members = new ArrayList<>(total);
        List<CompletableFuture<Session>> connecting = new ArrayList<>(total);
        for (int room = 0; room < plan.rooms(); room++) {
            for (int i = 0; i < plan.clientsPerRoom(); i++) {
                inFlight.acquire();
                int node = i % plan.urls().size();
                Member member = new Member("bench-" + room, node, joined, inFlight);
                members.add(member);
                connecting.add(client.connect(member, plan.urls().get(node), new ClientUpgradeRequest()));
            }
        }
        for (CompletableFuture<Session> future : connecting) {
            future.get(2, TimeUnit.MINUTES);
        }
        if (!joined.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException((joined.getCount()) + " clients did not join in time");
        }
        return members;
    }

    private RunResult loadResult(List<Member> members, long connectMillis) {
        List<Member> senders = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (i % plan.clientsPerRoom() < plan.sendersPerRoom()) {
                senders.add(members.get(i));
            }
        }
        String padding = "x".repeat(plan.payloadBytes());
        serverStats(); // once, unmeasured: the first reads run cold code for tens of ms
        ProcStats.self();
        long begin = System.nanoTime();
        warmupStart = begin;
        windowStart = begin + plan.warmup().toNanos();
        windowEnd = windowStart + plan.duration().toNanos();
        // The window's first figures are read on the timer's thread: on the sending thread, the read
        // stalled the sends, and the sends it then caught up on reached the server as a burst, which
        // the first 150 ms of the window measured.
        CompletableFuture<ProcStats[]> startStats = CompletableFuture.supplyAsync(
                () -> new ProcStats[] {serverStats(), ProcStats.self()},
                CompletableFuture.delayedExecutor(windowStart - begin, TimeUnit.NANOSECONDS, Runnable::run));
        long sent = 0;
        long sentInWindow = 0;
        int next = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= windowEnd) {
                break;
            }
            long due = (long) ((now - begin) / 1e9 * plan.rate());
            while (sent < due) {
                long stamp = System.nanoTime();
                if (stamp >= windowEnd) {
                    break;
                }
                Member sender = senders.get(next);
                sender.send("{\"action\":\"talkToRoom\",\"data\":{\"n\":" + sender.node + ",\"t\":" + stamp
                        + ",\"p\":\"" + padding + "\"}}");
                next = (next + 1) % senders.size();
                sent++;
                if (stamp >= windowStart) {
                    sentInWindow++;
                }
            }
            LockSupport.parkNanos(200_000);
        }
        ProcStats serverEnd = serverStats();
        ProcStats selfEnd = ProcStats.self();
        ProcStats[] start = startStats.join();
        ProcStats serverStart = start[0];
        ProcStats selfStart = start[1];
        long expected = sentInWindow * (plan.clientsPerRoom() - 1);
        long drainDeadline = System.nanoTime() + DRAIN.toNanos();
        while (received.sum() < expected && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(10_000_000);
        }
        if (timeline != null) {
            timeline.print(System.err, latencyMicros);
        }
        double seconds = plan.duration().toNanos() / 1e9;
        double cpuPerDelivery = serverStart == null || received.sum() == 0 ? Double.NaN
                : serverEnd.cpuSecondsSince(serverStart) * 1e6 / received.sum();
        members.forEach(Member::close);
        return new RunResult(plan.label(), plan.scenario(), plan.rooms(), plan.clientsPerRoom(), plan.sendersPerRoom(),
                plan.rate(), seconds, plan.payloadBytes(), connectMillis, sentInWindow, expected, received.sum(),
                received.sum() / seconds, latencyMicros.getValueAtPercentile(50), latencyMicros.getValueAtPercentile(99),
                latencyMicros.getMaxValue(), cpuPerDelivery, serverEnd == null ? Double.NaN : serverEnd.rssKb() / 1024.0,
                Double.NaN, selfEnd.cpuSecondsSince(selfStart) / seconds * 100,
                percentile(sameNodeMicros, 50), percentile(sameNodeMicros, 99),
                percentile(crossNodeMicros, 50), percentile(crossNodeMicros, 99),
                serverStart == null ? Double.NaN : serverEnd.compilerSecondsSince(serverStart));
    }

    /** NaN when nothing was recorded: a run on one node has no cross-node deliveries. */
    private static double percentile(ConcurrentHistogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile);
    }

    /** The servers' CPU and memory, summed over their processes; null when unknown. */
    private ProcStats serverStats() {
        if (plan.serverPids().isEmpty()) {
            return null;
        }
        long ticks = 0;
        long rss = 0;
        long compiler = 0;
        for (long pid : plan.serverPids()) {
            ProcStats stats = ProcStats.of(pid);
            ticks += stats.cpuTicks();
            rss += stats.rssKb();
            compiler += stats.compilerTicks();
        }
        return new ProcStats(ticks, rss, compiler);
    }

    private RunResult idleResult(List<Member> members, long connectMillis, double heapBefore, ProcStats rssBefore) {
        LockSupport.parkNanos(plan.duration().toNanos()); // hold the connections idle for the run's duration
        double heapAfter = serverHeapBytes();
        ProcStats rssAfter = serverStats();
        int connections = members.size();
        double heapPerConnection = (heapAfter - heapBefore) / 1024 / connections;
        double rssMb = rssAfter == null ? Double.NaN : rssAfter.rssKb() / 1024.0;
        double rssPerConnectionKb = rssAfter == null ? Double.NaN
                : (double) (rssAfter.rssKb() - rssBefore.rssKb()) / connections;
        members.forEach(Member::close);
        return new RunResult(plan.label(), plan.scenario() + " (RSS KB/conn " + Math.round(rssPerConnectionKb) + ")",
                plan.rooms(), plan.clientsPerRoom(), 0, 0, plan.duration().toNanos() / 1e9, 0, connectMillis, 0, 0, 0, 0,
                0, 0, 0, Double.NaN, rssMb, heapPerConnection, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The server's used heap after a full GC, from its /metrics (JVM servers only), or NaN. */
    private double serverHeapBytes() {
        if (plan.heapMetrics() == null || plan.serverPid() <= 0) {
            return Double.NaN;
        }
        try {
            new ProcessBuilder("jcmd", String.valueOf(plan.serverPid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(plan.heapMetrics()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** One simulated client: joins its room, counts and times the deliveries it receives. */
    public final class Member implements Session.Listener.AutoDemanding {
        private final String room;
        final int node;
        private final CountDownLatch joined;
        private final Semaphore inFlight;
        private volatile Session session;
        private volatile boolean closing;
        private boolean hasJoined;

        Member(String room, int node, CountDownLatch joined, Semaphore inFlight) {
            this.room = room;
            this.node = node;
            this.joined = joined;
            this.inFlight = inFlight;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            opened.sendText("{\"action\":\"newClient\",\"room\":\"" + room + "\"}", Callback.NOOP);
        }

        @Override
        public void onWebSocketText(String message) {
            if (!hasJoined) {
                if (message.startsWith("{\"action\":\"joined\"") || message.contains("\"action\":\"joined\"")) {
                    hasJoined = true;
                    inFlight.release();
                    joined.countDown();
                }
                return;
            }
            int at = message.indexOf("\"t\":");
            if (at < 0) {
                return;
            }
            long stamp = parseLong(message, at + 4);
            long now = System.nanoTime();
            boolean measured = stamp >= windowStart && stamp < windowEnd;
            if (measured || stamp < windowStart) {
                (measured ? received : warmupReceived).increment();
                long micros = Math.max(0, (now - stamp) / 1000);
                (measured ? latencyMicros : warmupMicros).recordValue(micros);
                if (timeline != null) {
                    (measured ? timeline : warmupTimeline).record(stamp - (measured ? windowStart : warmupStart), micros);
                }
                int from = message.indexOf("\"n\":");
                if (from >= 0 && plan.urls().size() > 1) {
                    boolean sameNode = parseLong(message, from + 4) == node;
                    (measured ? sameNode ? sameNodeMicros : crossNodeMicros : warmupMicros).recordValue(micros);
                }
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            if (!closing) {
                System.err.println("bench client error: " + cause);
            }
        }

        void send(String text) {
            session.sendText(text, Callback.NOOP);
        }

        void close() {
            closing = true;
            Session current = session;
            if (current != null) {
                current.close(1000, "done", Callback.NOOP);
            }
        }
    }

    private static long parseLong(String text, int from) {
        long value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
