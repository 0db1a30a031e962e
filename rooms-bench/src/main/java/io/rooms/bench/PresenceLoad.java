package io.rooms.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Presence updates beside a run's messages: every member sets its presence {@code perMemberPerSecond}
 * times a second, spread evenly over the members, and each {@code memberUpdated} that arrives is
 * timed from its send. The server's {@code rooms_presence_updates_total} counters, read from its
 * /metrics at the window's edges, give how many updates it sent and how many it coalesced.
 */
final class PresenceLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNTER = "rooms_presence_updates_total{";

    private final double perMemberPerSecond;
    private final URI metrics;
    private final LongAdder received = new LongAdder();
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private long sent;
    private long sentInWindow;
    private int next;

    /** {@code metrics} null when the server has none: no coalescing figures then. */
    PresenceLoad(double perMemberPerSecond, URI metrics) {
        this.perMemberPerSecond = perMemberPerSecond;
        this.metrics = metrics;
    }

    boolean enabled() {
        return perMemberPerSecond > 0;
    }

    /** Sends the updates due by {@code now}, members taking turns. The sending thread only. */
    void sendDue(List<BenchClient> members, long begin, long now, long windowStart) {
        long due = (long) ((now - begin) / 1e9 * perMemberPerSecond * members.size());
        while (sent < due) {
            long stamp = System.nanoTime();
            BenchClient member = members.get(next);
            member.send("{\"action\":\"presence\"" + member.nextRoomField() + ",\"data\":{\"typing\":true,\"pt\":"
                    + stamp + "}}");
            next = (next + 1) % members.size();
            sent++;
            if (stamp >= windowStart) {
                sentInWindow++;
            }
        }
    }

    /** A {@code memberUpdated} received, stamped at the send of the update it carries. */
    void delivered(long stamp, long now, long windowStart, long windowEnd) {
        if (stamp >= windowStart && stamp < windowEnd) {
            received.increment();
            latencyMicros.recordValue(Math.max(0, (now - stamp) / 1000));
        }
    }

    /** The server's counters: [sent, coalesced], or null without /metrics. */
    long[] serverCounters() {
        if (metrics == null) {
            return null;
        }
        try {
            long[] counts = new long[2];
            ServerProbe.scrape(metrics).lines().filter(line -> line.startsWith(COUNTER)).forEach(line -> {
                long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                counts[line.contains("outcome=\"coalesced\"") ? 1 : 0] += value;
            });
            return counts;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The JSON line of the window: presence offered and delivered, its latency, the server's sent and
     * coalesced counts, and the server's CPU per delivery over talk and presence deliveries together.
     */
    String toJson(String scenario, double seconds, long talkReceived, double serverCpuSeconds, long[] before,
            long[] after) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scenario", scenario);
        fields.put("presencePerMemberPerSecond", perMemberPerSecond);
        fields.put("presenceSent", sentInWindow);
        fields.put("presenceDelivered", received.sum());
        fields.put("presenceDeliveriesPerSecond", Math.round(received.sum() / seconds));
        fields.put("presenceP50Micros", latencyMicros.getTotalCount() == 0 ? -1 : latencyMicros.getValueAtPercentile(50));
        fields.put("presenceP99Micros", latencyMicros.getTotalCount() == 0 ? -1 : latencyMicros.getValueAtPercentile(99));
        if (before != null && after != null) {
            long sentByServer = after[0] - before[0];
            long coalesced = after[1] - before[1];
            fields.put("serverPresenceSent", sentByServer);
            fields.put("serverPresenceCoalesced", coalesced);
            fields.put("coalescedShare", sentByServer + coalesced == 0 ? 0
                    : Math.round(1000.0 * coalesced / (sentByServer + coalesced)) / 1000.0);
        }
        long deliveries = talkReceived + received.sum();
        fields.put("serverCpuMicrosPerDeliveryAll", deliveries == 0 || Double.isNaN(serverCpuSeconds) ? -1
                : Math.round(serverCpuSeconds * 1e8 / deliveries) / 100.0);
        try {
            return JSON.writeValueAsString(Map.of("presence", fields));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
