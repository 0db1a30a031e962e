package io.rooms;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Decides which messages carry room state and how often it is written.
 *
 * <p>A room's state is the {@code data} of its latest state-bearing message. A state identical to
 * the last saved one is never written; {@code similar} may also skip near-duplicates of it; at most
 * one write per room happens per {@code interval}, and the latest state is always written last.
 *
 * @param ignoredActions actions whose data is not state (the contract's defaults: {@link #DEFAULT_IGNORED})
 * @param interval at most one write per room per interval
 * @param similar {@code (lastSaved, candidate) -> true} to skip writing {@code candidate}
 */
public record SavePolicy(Set<String> ignoredActions, Duration interval, BiPredicate<String, String> similar) {

    /** Not state-bearing by default: the built-ins and the original design's ignore list. */
    public static final Set<String> DEFAULT_IGNORED =
            Set.of("newClient", "echo", "leave", "talkToRoom", "emptyRoom", "freeze", "moving");

    public static final SavePolicy DEFAULTS = new SavePolicy(DEFAULT_IGNORED, Duration.ofSeconds(1), (a, b) -> false);

    public SavePolicy {
        ignoredActions = Set.copyOf(ignoredActions);
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        Objects.requireNonNull(similar, "similar");
    }

    public boolean isStateBearing(String action) {
        return !ignoredActions.contains(action);
    }

    public SavePolicy withInterval(Duration value) {
        return new SavePolicy(ignoredActions, value, similar);
    }

    public SavePolicy withIgnoredActions(Set<String> value) {
        return new SavePolicy(value, interval, similar);
    }

    public SavePolicy withSimilarity(BiPredicate<String, String> value) {
        return new SavePolicy(ignoredActions, interval, value);
    }
}
