package io.rooms.server;

import io.rooms.RoomSettings;
import io.rooms.SavePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of the runnable server, one immutable value; the command line and the environment
 * fill it (see the README's table). {@link #DEFAULTS} holds the defaults.
 *
 * @param host address to bind
 * @param port TCP port; 0 picks a free one
 * @param db JDBC URL of the room store
 * @param maxRoomSize members per room, 0 for no limit
 * @param pingInterval server ping period; a client silent for two periods is dropped
 * @param stateTimeout how long a member may take to answer {@code requestState}
 * @param saveInterval at most one state write per room per interval
 * @param maxMessageBytes larger frames are refused
 * @param maxMessagesPerSecond per connection, with a burst of twice that
 * @param maxOutboundBytes a client whose unsent backlog passes this is dropped
 * @param joinTimeout a socket that has not joined a room by then is closed
 * @param maxConnections further handshakes are refused with 503
 * @param maxRooms joining a new room past this answers {@code room_limit}
 * @param allowedOrigins browser origins allowed besides the server's own
 * @param adminToken bearer token for the HTTP push endpoint, or {@code null} to disable it
 * @param cluster Redis URL of the cluster, or {@code null} to run alone
 */
public record ServerSettings(
        String host,
        int port,
        String db,
        int maxRoomSize,
        Duration pingInterval,
        Duration stateTimeout,
        Duration saveInterval,
        int maxMessageBytes,
        int maxMessagesPerSecond,
        long maxOutboundBytes,
        Duration joinTimeout,
        int maxConnections,
        int maxRooms,
        List<String> allowedOrigins,
        String adminToken,
        String cluster) {

    public static final String DEFAULT_DB = "jdbc:h2:file:./data/rooms";

    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 7070, DEFAULT_DB,
            RoomSettings.DEFAULTS.maxRoomSize(), RoomSettings.DEFAULTS.pingInterval(),
            RoomSettings.DEFAULTS.stateTimeout(), SavePolicy.DEFAULTS.interval(),
            RoomSettings.DEFAULTS.maxMessageBytes(), RoomSettings.DEFAULTS.maxMessagesPerSecond(),
            RoomSettings.DEFAULTS.maxOutboundBytes(), RoomSettings.DEFAULTS.joinTimeout(), 10_000,
            RoomSettings.DEFAULTS.maxRooms(), List.of(), null, null);

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(db, "db");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        // The engine's own rules check the rest (fields are not assigned yet: use the parameters).
        new RoomSettings(maxRoomSize, pingInterval, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                maxOutboundBytes, joinTimeout, maxRooms);
        SavePolicy.DEFAULTS.withInterval(saveInterval);
    }

    /**
     * Settings from command-line flags alone (no environment), as {@code java -jar} would take them:
     * {@code ServerSettings.fromFlags("--port", "0", "--max-room-size", "2")}.
     *
     * @throws IllegalArgumentException naming the flag, for an unknown flag or a bad value
     */
    public static ServerSettings fromFlags(String... flags) {
        try {
            CommandLineOptions.Parsed parsed = CommandLineOptions.parse(flags, java.util.Map.of());
            if (parsed.settings() == null) {
                throw new IllegalArgumentException("no settings in " + java.util.Arrays.toString(flags));
            }
            return parsed.settings();
        } catch (CommandLineOptions.BadSettingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public RoomSettings toRoomSettings() {
        return new RoomSettings(maxRoomSize, pingInterval, stateTimeout, maxMessageBytes, maxMessagesPerSecond,
                maxOutboundBytes, joinTimeout, maxRooms);
    }

    public SavePolicy toSavePolicy() {
        return SavePolicy.DEFAULTS.withInterval(saveInterval);
    }

    public ServerSettings withPort(int value) {
        return new ServerSettings(host, value, db, maxRoomSize, pingInterval, stateTimeout, saveInterval,
                maxMessageBytes, maxMessagesPerSecond, maxOutboundBytes, joinTimeout, maxConnections, maxRooms,
                allowedOrigins, adminToken, cluster);
    }

    public ServerSettings withHost(String value) {
        return new ServerSettings(value, port, db, maxRoomSize, pingInterval, stateTimeout, saveInterval,
                maxMessageBytes, maxMessagesPerSecond, maxOutboundBytes, joinTimeout, maxConnections, maxRooms,
                allowedOrigins, adminToken, cluster);
    }

    public ServerSettings withDb(String value) {
        return new ServerSettings(host, port, value, maxRoomSize, pingInterval, stateTimeout, saveInterval,
                maxMessageBytes, maxMessagesPerSecond, maxOutboundBytes, joinTimeout, maxConnections, maxRooms,
                allowedOrigins, adminToken, cluster);
    }
}
