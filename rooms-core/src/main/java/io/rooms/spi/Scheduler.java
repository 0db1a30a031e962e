package io.rooms.spi;

import java.time.Instant;

/**
 * Time for the core: a monotonic clock and delayed tasks. Injected, so that throttling, state
 * time-outs and heartbeats can be tested on a fake clock. Implementations must be thread-safe.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The wall clock, for expiry times other systems set (a token's {@code exp}). */
    default Instant wallTime() {
        return java.time.Instant.now();
    }

    /** Runs {@code task} once, after {@code delayNanos}. Tasks must not block. */
    Cancellable schedule(long delayNanos, Runnable task);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not started; harmless when it has. */
        void cancel();
    }
}
