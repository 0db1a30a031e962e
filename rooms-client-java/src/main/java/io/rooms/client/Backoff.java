package io.rooms.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before reconnecting: {@code initial}, doubling after each failed attempt up to
 * {@code max}, each wait drawn between half and all of that (jitter, so that clients cut off together
 * do not come back together). The browser client's: 500 ms doubling to 10 s.
 */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before attempt {@code attempt} (0 for the first after a loss); {@code random} in [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long ceiling = max.toMillis();
        long base = initial.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(base <= 0 ? ceiling : base, ceiling);
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    }
}
