package io.rooms.server;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failures to accept a connection (most often "Too many open files") at most once a minute,
 * with how many there were since the last line, instead of one warning with a stack trace each.
 * Thread-safe.
 */
final class AcceptFailures {
    private static final Logger log = LoggerFactory.getLogger(AcceptFailures.class);
    static final long PERIOD_NANOS = 60_000_000_000L;

    private final LongSupplier nanoTime;
    private long lastLoggedAt;
    private boolean loggedOnce;
    private long unlogged;

    AcceptFailures(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts a failure; returns the line logged for it, or null when it was only counted. */
    synchronized String failed(Throwable failure) {
        long now = nanoTime.getAsLong();
        unlogged++;
        if (loggedOnce && now - lastLoggedAt < PERIOD_NANOS) {
            return null;
        }
        String line = "cannot accept connections (" + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + "); " + unlogged + " failure(s) since the last such line. Raise the file limit (ulimit -n,"
                + " LimitNOFILE) above --max-connections";
        loggedOnce = true;
        lastLoggedAt = now;
        unlogged = 0;
        log.warn(line);
        return line;
    }
}
