package io.rooms.bench;

import java.net.URI;
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
     * {@link Timeline}; {@code presencePerMemberPerSecond} 0 for no {@link PresenceLoad};
     * {@code burstMillis} 0 for even sends, else bursts ({@link SendPattern}).
     */
    record Plan(List<URI> urls, String label, String scenario, int rooms, int clientsPerRoom, int sendersPerRoom,
            int rate, Duration warmup, Duration duration, int payloadBytes, List<Long> serverPids, URI heapMetrics,
            boolean idle, int timelineMillis, Layout layout, double presencePerMemberPerSecond, int burstMillis) {
        long serverPid() {
            return serverPids.isEmpty() ? -1 : serverPids.get(0);
        }
    }

    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Plan plan;
    private final ServerProbe probe;
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
    /** The listener in every room, when the layout has one: closed with the others. */
    private BenchClient hub;
    private final PresenceLoad presence;
    /** The presence figures of the window, once run, or null. */
    private String presenceJson;

    LoadRun(Plan plan) {
        this.plan = plan;
        this.probe = new ServerProbe(plan.serverPids(), plan.heapMetrics());
        this.presence = new PresenceLoad(plan.presencePerMemberPerSecond(), plan.heapMetrics());
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
            double heapBefore = plan.idle() ? probe.heapBytes() : Double.NaN;
            ProcStats rssBefore = probe.stats();
            long connectStart = System.nanoTime();
            List<BenchClient> members = connectAll(client);
            long connectMillis = (System.nanoTime() - connectStart) / 1_000_000;
            if (plan.idle()) {
                return IdleRun.result(plan, probe, members, connectMillis, heapBefore, rssBefore);
            }
            return loadResult(members, connectMillis);
        } finally {
            client.stop();
            http.stop();
        }
    }

    private List<BenchClient> connectAll(WebSocketClient client) throws Exception {
        Layout layout = plan.layout();
        int total = layout.senders() + (layout.hub() ? 1 : 0);
        CountDownLatch joined = new CountDownLatch(total);
        Semaphore inFlight = new Semaphore(200);
        List<BenchClient> members = new ArrayList<>(total);
        List<CompletableFuture<Session>> connecting = new ArrayList<>(total);
        for (int c = 0; c < total; c++) {
            inFlight.acquire();
            boolean isHub = c == layout.senders();
            int node = (c % layout.membersPerRoom()) % plan.urls().size();
            BenchClient member = new BenchClient(this, isHub ? layout.hubRooms() : layout.roomsOf(c), node, joined, inFlight);
            if (isHub) {
                hub = member;
            } else {
                members.add(member);
            }
            connecting.add(client.connect(member, plan.urls().get(node), new ClientUpgradeRequest()));
        }
        for (CompletableFuture<Session> future : connecting) {
            future.get(2, TimeUnit.MINUTES);
        }
        if (!joined.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException((joined.getCount()) + " clients did not join in time");
        }
        return members;
    }

    private RunResult loadResult(List<BenchClient> members, long connectMillis) {
        List<BenchClient> senders = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (plan.layout().roomsPerClient() > 1 || i % plan.clientsPerRoom() < plan.sendersPerRoom()) {
                senders.add(members.get(i));
            }
        }
        String padding = "x".repeat(plan.payloadBytes());
        probe.stats(); // once, unmeasured: the first reads run cold code for tens of ms
        ProcStats.self();
        long begin = System.nanoTime();
        warmupStart = begin;
        windowStart = begin + plan.warmup().toNanos();
        windowEnd = windowStart + plan.duration().toNanos();
        // The window's first figures are read on the timer's thread: on the sending thread, the read
        // would stall the sends, and the sends caught up on would reach the server as a burst that the
        // window's start then measured (docs/performance.md, "Figures behind the code").
        long[][] presenceCounters = new long[2][];
        CompletableFuture<ProcStats[]> startStats = CompletableFuture.supplyAsync(() -> {
            ProcStats[] stats = {probe.stats(), ProcStats.self()};
            presenceCounters[0] = presence.enabled() ? presence.serverCounters() : null;
            return stats;
        }, CompletableFuture.delayedExecutor(windowStart - begin, TimeUnit.NANOSECONDS, Runnable::run));
        long sent = 0;
        long sentInWindow = 0;
        SendPattern pattern = new SendPattern(plan.rate(), plan.burstMillis());
        while (true) {
            long now = System.nanoTime();
            if (now >= windowEnd) {
                break;
            }
            long due = pattern.dueBy(now - begin);
            while (sent < due) {
                long stamp = System.nanoTime();
                if (stamp >= windowEnd) {
                    break;
                }
                BenchClient sender = senders.get(pattern.nextSender(senders.size()));
                sender.send("{\"action\":\"talkToRoom\"" + sender.nextRoomField() + ",\"data\":{\"n\":" + sender.node
                        + ",\"t\":" + stamp + ",\"p\":\"" + padding + "\"}}");
                sent++;
                if (stamp >= windowStart) {
                    sentInWindow++;
                }
            }
            if (presence.enabled()) {
                presence.sendDue(members, begin, now, windowStart);
            }
            LockSupport.parkNanos(200_000);
        }
        ProcStats serverEnd = probe.stats();
        ProcStats selfEnd = ProcStats.self();
        presenceCounters[1] = presence.enabled() ? presence.serverCounters() : null;
        ProcStats[] start = startStats.join();
        ProcStats serverStart = start[0];
        ProcStats selfStart = start[1];
        long expected = sentInWindow * plan.layout().deliveriesPerMessage();
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
        if (presence.enabled()) {
            presenceJson = presence.toJson(plan.scenario(), seconds, received.sum(),
                    serverStart == null ? Double.NaN : serverEnd.cpuSecondsSince(serverStart), presenceCounters[0],
                    presenceCounters[1]);
        }
        members.forEach(BenchClient::close);
        if (hub != null) {
            hub.close();
        }
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

    /** The presence figures of the window (a JSON line), or null when the run set no presence. */
    String presenceJson() {
        return presenceJson;
    }

    /** A {@code memberUpdated} a client received, stamped at its update's send. */
    void presenceDelivered(long stamp, long now) {
        presence.delivered(stamp, now, windowStart, windowEnd);
    }

    /** A delivery a client received: its send stamp, when it arrived, and the sender's node (-1: unknown). */
    void delivered(long stamp, long now, long fromNode, int node) {
        boolean measured = stamp >= windowStart && stamp < windowEnd;
        if (measured || stamp < windowStart) {
            (measured ? received : warmupReceived).increment();
            long micros = Math.max(0, (now - stamp) / 1000);
            (measured ? latencyMicros : warmupMicros).recordValue(micros);
            if (timeline != null) {
                (measured ? timeline : warmupTimeline).record(stamp - (measured ? windowStart : warmupStart), micros);
            }
            if (fromNode >= 0 && plan.urls().size() > 1) {
                boolean sameNode = fromNode == node;
                (measured ? sameNode ? sameNodeMicros : crossNodeMicros : warmupMicros).recordValue(micros);
            }
        }
    }
}
