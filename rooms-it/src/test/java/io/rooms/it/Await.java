package io.rooms.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for a condition, polled: the one way these tests wait for something to happen. */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 20;

    private Await() {}

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, DEFAULT, condition);
    }

    /** Waits at most {@code limit}: for a promise with that bound. */
    static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        if (!holdsWithin(limit, condition)) {
            throw new AssertionError("timed out after " + limit + " waiting for " + what);
        }
    }

    /**
     * Waits at most {@code limit} for the condition; whether it came to hold. For a wait whose
     * failure the caller's own assertions describe better (what is missing, not only that it is).
     */
    static boolean holdsWithin(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS); // the polling interval of a bounded wait
        }
        return true;
    }
}
