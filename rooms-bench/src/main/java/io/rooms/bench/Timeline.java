package io.rooms.bench;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Latency by when a message was sent, in slots of a fixed length from the window's start: where in
 * the window the slow deliveries were. A run's p99 alone cannot tell a steady tail from a few
 * stalls; this can. Thread-safe.
 */
final class Timeline {
    private static final double[] LADDER = {50, 90, 95, 99, 99.9};

    private final long slotNanos;
    private final ConcurrentHistogram[] slots;

    Timeline(long slotMillis, long windowMillis) {
        this.slotNanos = TimeUnit.MILLISECONDS.toNanos(slotMillis);
        this.slots = new ConcurrentHistogram[(int) ((windowMillis + slotMillis - 1) / slotMillis)];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
        }
    }

    /** A delivery of a message sent {@code sentAfterStart} ns into the window, after {@code micros}. */
    void record(long sentAfterStart, long micros) {
        long slot = Math.floorDiv(sentAfterStart, slotNanos);
        if (slot >= 0 && slot < slots.length) {
            slots[(int) slot].recordValue(micros);
        }
    }

    /** One line per slot (its start in ms, deliveries, p50, p99 and max in µs), then the whole window's ladder. */
    void print(PrintStream out, ConcurrentHistogram whole) {
        out.println("timeline: slot_ms deliveries p50_us p99_us max_us");
        long slotMillis = TimeUnit.NANOSECONDS.toMillis(slotNanos);
        for (int i = 0; i < slots.length; i++) {
            ConcurrentHistogram slot = slots[i];
            if (slot.getTotalCount() > 0) {
                out.printf("%d %d %d %d %d%n", i * slotMillis, slot.getTotalCount(), slot.getValueAtPercentile(50),
                        slot.getValueAtPercentile(99), slot.getMaxValue());
            }
        }
        StringBuilder ladder = new StringBuilder("latency ladder (us):");
        for (double percentile : LADDER) {
            ladder.append(" p").append(percentile).append(' ').append(whole.getValueAtPercentile(percentile));
        }
        out.println(ladder);
    }
}
