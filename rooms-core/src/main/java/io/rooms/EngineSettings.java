package io.rooms;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's limits and periods; one immutable value. {@link #DEFAULTS} holds the contract's
 * defaults, and each {@code withX} returns a copy with one setting changed.
 *
 * @param maxRoomSize members per room; 0 means no limit. Default 0.
 * @param pingInterval how often each client is pinged; a client silent for two intervals is
 *     dropped. Default 30 s.
 * @param stateTimeout how long a member may take to answer {@code requestState}. Default 2 s.
 * @param maxMessageBytes larger text frames are refused with {@code too_large}. Default 65536.
 * @param maxMessagesPerSecond messages per connection per second, with a burst of twice that.
 *     Default 100.
 * @param maxOutboundBytes a client whose unsent backlog passes this many bytes is dropped.
 *     Default 4 MiB.
 * @param joinTimeout a socket that has not joined a room by then is closed. Default 30 s.
 * @param maxRooms joining a new room past this many rooms answers {@code room_limit}. Default 100000.
 */
public record EngineSettings(
        int maxRoomSize,
        Duration pingInterval,
        Duration stateTimeout,
        int maxMessageBytes,
        int maxMessagesPerSecond,
        long maxOutboundBytes,
        Duration joinTimeout,
        int maxRooms) {

    public static final EngineSettings DEFAULTS = new EngineSettings(
            0, Duration.ofSeconds(30), Duration.ofSeconds(2), 65536, 100, 4L * 1024 * 1024,
            Duration.ofSeconds(30), 100_000);

    public EngineSettings {
        requireAtLeast("maxRoomSize", maxRoomSize, 0);
        requirePositive("pingInterval", pingInterval);
        requirePositive("stateTimeout", stateTimeout);
        requireAtLeast("maxMessageBytes", maxMessageBytes, 1);
        requireAtLeast("maxMessagesPerSecond", maxMessagesPerSecond, 1);
        requireAtLeast("maxOutboundBytes", maxOutboundBytes, 1);
        requirePositive("joinTimeout", joinTimeout);
        requireAtLeast("maxRooms", maxRooms, 1);
    }

    /**
     * The largest frame a transport reads at all: four times {@link #maxMessageBytes}. ServerFrames a little
     * over the message limit get {@code too_large} from the engine; frames over this are closed with
     * 1009 before they are buffered.
     */
    public long maxFrameBytes() {
        return Math.min(Integer.MAX_VALUE, 4L * maxMessageBytes);
    }

    public EngineSettings withMaxRoomSize(int value) {
        return new EngineSettings(value, pingInterval, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                maxOutboundBytes, joinTimeout, maxRooms);
    }

    public EngineSettings withPingInterval(Duration value) {
        return new EngineSettings(maxRoomSize, value, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                maxOutboundBytes, joinTimeout, maxRooms);
    }

    public EngineSettings withStateTimeout(Duration value) {
        return new EngineSettings(maxRoomSize, pingInterval, value, maxMessageBytes, maxMessagesPerSecond,
                maxOutboundBytes, joinTimeout, maxRooms);
    }

    public EngineSettings withMaxMessageBytes(int value) {
        return new EngineSettings(maxRoomSize, pingInterval, stateTimeout, value, maxMessagesPerSecond,
                maxOutboundBytes, joinTimeout, maxRooms);
    }

    public EngineSettings withMaxMessagesPerSecond(int value) {
        return new EngineSettings(maxRoomSize, pingInterval, stateTimeout, maxMessageBytes, value,
                maxOutboundBytes, joinTimeout, maxRooms);
    }

    public EngineSettings withMaxOutboundBytes(long value) {
        return new EngineSettings(maxRoomSize, pingInterval, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                value, joinTimeout, maxRooms);
    }

    public EngineSettings withJoinTimeout(Duration value) {
        return new EngineSettings(maxRoomSize, pingInterval, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                maxOutboundBytes, value, maxRooms);
    }

    public EngineSettings withMaxRooms(int value) {
        return new EngineSettings(maxRoomSize, pingInterval, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                maxOutboundBytes, joinTimeout, value);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
