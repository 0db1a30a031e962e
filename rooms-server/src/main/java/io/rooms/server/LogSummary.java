package io.rooms.server;

import io.rooms.ErrorCode;
import io.rooms.EngineStats;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic INFO line that replaces a line per connection: connections, rooms, and messages in,
 * out and errors since the last line, written only when something changed. Not thread-safe: one
 * timer thread ticks it.
 */
final class LogSummary {
    private static final Logger log = LoggerFactory.getLogger(LogSummary.class);

    private final EngineStats stats;
    private Snapshot last = new Snapshot(0, 0, 0, 0, 0);

    private record Snapshot(int connections, int rooms, long in, long out, long errors) {}

    LogSummary(EngineStats stats) {
        this.stats = stats;
    }

    /** Logs the line, if anything changed since the last tick; returns it for tests. */
    Optional<String> tick() {
        long errors = 0;
        for (ErrorCode code : ErrorCode.values()) {
            errors += stats.errors(code);
        }
        Snapshot now = new Snapshot(stats.connections(), stats.rooms(), stats.messagesIn(), stats.messagesOut(), errors);
        if (now.equals(last)) {
            return Optional.empty();
        }
        String line = String.format("connections=%d rooms=%d; since the last line: messages in=%d out=%d errors=%d",
                now.connections(), now.rooms(), now.in() - last.in(), now.out() - last.out(),
                now.errors() - last.errors());
        last = now;
        log.info(line);
        return Optional.of(line);
    }
}
