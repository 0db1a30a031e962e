package io.rooms;

/**
 * A token bucket per connection: {@code rate} tokens a second, holding at most twice that. It also
 * says when to tell the client it is limited (at most once a second) and when a client that keeps
 * flooding should be cut off. Confined to one client's event thread: not thread-safe.
 */
final class RateLimiter {
    private static final long SECOND = 1_000_000_000L;
    private static final long FLOOD_WINDOW = 5 * SECOND;

    /** What to do with one message. */
    enum Verdict { PASS, DROP_SILENTLY, DROP_AND_TELL, DISCONNECT }

    private final double rate;
    private final double burst;
    private final long floodThreshold;
    private double tokens;
    private long refilledAt;
    private long toldAt;
    private long windowStart;
    private long dropsInWindow;

    RateLimiter(int ratePerSecond, long now) {
        this.rate = ratePerSecond;
        this.burst = 2.0 * ratePerSecond;
        this.floodThreshold = 10L * ratePerSecond;
        this.tokens = burst;
        this.refilledAt = now;
        this.toldAt = now - SECOND;
        this.windowStart = now;
    }

    Verdict acquire(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) * rate / SECOND);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.PASS;
        }
        if (now - windowStart >= FLOOD_WINDOW) {
            windowStart = now;
            dropsInWindow = 0;
        }
        if (++dropsInWindow > floodThreshold) {
            return Verdict.DISCONNECT;
        }
        if (now - toldAt >= SECOND) {
            toldAt = now;
            return Verdict.DROP_AND_TELL;
        }
        return Verdict.DROP_SILENTLY;
    }
}
