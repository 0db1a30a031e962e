package io.rooms;

import java.time.Duration;

/**
 * How long and how much a room remembers, so that a client that lost its connection can resume:
 * the room keeps its latest {@code historySize} messages, at most {@code historyBytes} of them, for
 * {@code window}; a session that ended less than {@code window} ago can be resumed.
 *
 * @param historySize messages kept per room. Default 256.
 * @param historyBytes bytes of messages kept per room (their data and action). Default 1 MiB.
 * @param window how long a session and a room's messages are kept after they end. Default 120 s.
 */
public record ResumeSettings(int historySize, long historyBytes, Duration window) {
    public static final ResumeSettings DEFAULTS = new ResumeSettings(256, 1024L * 1024, Duration.ofSeconds(120));

    public ResumeSettings {
        if (historySize < 0) {
            throw new IllegalArgumentException("historySize must be 0 or more, got " + historySize);
        }
        if (historyBytes < 0) {
            throw new IllegalArgumentException("historyBytes must be 0 or more, got " + historyBytes);
        }
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("window must be 0 or more, got " + window);
        }
    }

    public ResumeSettings withHistorySize(int value) {
        return new ResumeSettings(value, historyBytes, window);
    }

    public ResumeSettings withWindow(Duration value) {
        return new ResumeSettings(historySize, historyBytes, value);
    }
}
