package io.rooms.bench;

import java.util.SplittableRandom;

/**
 * When a run's messages are due and which sender sends each. Even ({@code burstMillis} 0): every
 * message at its own moment, senders taking turns. Bursty: at the start of every {@code burstMillis},
 * that interval's messages at once, each from a sender picked at random, as a game's tick or a
 * server's queued input arrives. The sending thread only.
 */
final class SendPattern {
    private final int rate;
    private final long burstNanos;
    private final SplittableRandom random = new SplittableRandom(42);
    private int next;

    SendPattern(int rate, int burstMillis) {
        this.rate = rate;
        this.burstNanos = burstMillis * 1_000_000L;
    }

    /** How many messages are due {@code elapsed} nanoseconds after the start. */
    long dueBy(long elapsed) {
        long span = burstNanos <= 0 ? elapsed : (elapsed / burstNanos + 1) * burstNanos;
        return (long) (span / 1e9 * rate);
    }

    /** The index of the next message's sender among {@code senders}. */
    int nextSender(int senders) {
        if (burstNanos > 0) {
            return random.nextInt(senders);
        }
        int sender = next;
        next = (next + 1) % senders;
        return sender;
    }
}
