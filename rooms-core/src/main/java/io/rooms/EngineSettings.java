package io.rooms;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's limits and periods; one immutable value. {@link #DEFAULTS} holds the contract's
 * defaults; {@link #builder()} sets any of them by name, and each {@code withX} returns a copy with
 * one setting changed.
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
 * @param maxRoomsPerConnection a {@code join} past this many rooms on one connection answers
 *     {@code too_many_rooms}. Default 64.
 * @param maxPresenceBytes a {@code presence} whose JSON is longer, in UTF-8, answers {@code too_large}.
 *     Default 1024.
 */
public record EngineSettings(
        int maxRoomSize,
        Duration pingInterval,
        Duration stateTimeout,
        int maxMessageBytes,
        int maxMessagesPerSecond,
        long maxOutboundBytes,
        Duration joinTimeout,
        int maxRooms,
        int maxRoomsPerConnection,
        int maxPresenceBytes) {

    public static final EngineSettings DEFAULTS = new EngineSettings(
            0, Duration.ofSeconds(30), Duration.ofSeconds(2), 65536, 100, 4L * 1024 * 1024,
            Duration.ofSeconds(30), 100_000, 64, 1024);

    public EngineSettings {
        requireAtLeast("maxRoomSize", maxRoomSize, 0);
        requirePositive("pingInterval", pingInterval);
        requirePositive("stateTimeout", stateTimeout);
        requireAtLeast("maxMessageBytes", maxMessageBytes, 1);
        requireAtLeast("maxMessagesPerSecond", maxMessagesPerSecond, 1);
        requireAtLeast("maxOutboundBytes", maxOutboundBytes, 1);
        requirePositive("joinTimeout", joinTimeout);
        requireAtLeast("maxRooms", maxRooms, 1);
        requireAtLeast("maxRoomsPerConnection", maxRoomsPerConnection, 1);
        requireAtLeast("maxPresenceBytes", maxPresenceBytes, 2);
    }

    /**
     * The largest frame a transport reads at all: four times {@link #maxMessageBytes}. Frames a little
     * over the message limit get {@code too_large} from the engine; frames over this are closed with
     * 1009 before they are buffered.
     */
    public long maxFrameBytes() {
        return Math.min(Integer.MAX_VALUE, 4L * maxMessageBytes);
    }

    public EngineSettings withMaxRoomSize(int value) {
        return toBuilder().maxRoomSize(value).build();
    }

    public EngineSettings withPingInterval(Duration value) {
        return toBuilder().pingInterval(value).build();
    }

    public EngineSettings withStateTimeout(Duration value) {
        return toBuilder().stateTimeout(value).build();
    }

    public EngineSettings withMaxMessageBytes(int value) {
        return toBuilder().maxMessageBytes(value).build();
    }

    public EngineSettings withMaxMessagesPerSecond(int value) {
        return toBuilder().maxMessagesPerSecond(value).build();
    }

    public EngineSettings withMaxOutboundBytes(long value) {
        return toBuilder().maxOutboundBytes(value).build();
    }

    public EngineSettings withJoinTimeout(Duration value) {
        return toBuilder().joinTimeout(value).build();
    }

    public EngineSettings withMaxRooms(int value) {
        return toBuilder().maxRooms(value).build();
    }

    public EngineSettings withMaxRoomsPerConnection(int value) {
        return toBuilder().maxRoomsPerConnection(value).build();
    }

    public EngineSettings withMaxPresenceBytes(int value) {
        return toBuilder().maxPresenceBytes(value).build();
    }

    /** A builder holding these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder starting from {@link #DEFAULTS}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** Settings by name: each step sets one, {@link #build} checks them all. Not thread-safe. */
    public static final class Builder {
        private int maxRoomSize;
        private Duration pingInterval;
        private Duration stateTimeout;
        private int maxMessageBytes;
        private int maxMessagesPerSecond;
        private long maxOutboundBytes;
        private Duration joinTimeout;
        private int maxRooms;
        private int maxRoomsPerConnection;
        private int maxPresenceBytes;

        private Builder(EngineSettings from) {
            this.maxRoomSize = from.maxRoomSize;
            this.pingInterval = from.pingInterval;
            this.stateTimeout = from.stateTimeout;
            this.maxMessageBytes = from.maxMessageBytes;
            this.maxMessagesPerSecond = from.maxMessagesPerSecond;
            this.maxOutboundBytes = from.maxOutboundBytes;
            this.joinTimeout = from.joinTimeout;
            this.maxRooms = from.maxRooms;
            this.maxRoomsPerConnection = from.maxRoomsPerConnection;
            this.maxPresenceBytes = from.maxPresenceBytes;
        }

        public Builder maxRoomSize(int value) {
            this.maxRoomSize = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        public Builder stateTimeout(Duration value) {
            this.stateTimeout = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = value;
            return this;
        }

        public Builder maxMessagesPerSecond(int value) {
            this.maxMessagesPerSecond = value;
            return this;
        }

        public Builder maxOutboundBytes(long value) {
            this.maxOutboundBytes = value;
            return this;
        }

        public Builder joinTimeout(Duration value) {
            this.joinTimeout = value;
            return this;
        }

        public Builder maxRooms(int value) {
            this.maxRooms = value;
            return this;
        }

        public Builder maxRoomsPerConnection(int value) {
            this.maxRoomsPerConnection = value;
            return this;
        }

        public Builder maxPresenceBytes(int value) {
            this.maxPresenceBytes = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of its range */
        public EngineSettings build() {
            return new EngineSettings(maxRoomSize, pingInterval, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                    maxOutboundBytes, joinTimeout, maxRooms, maxRoomsPerConnection, maxPresenceBytes);
        }
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
