package io.rooms;

import io.rooms.internal.Engine;
import io.rooms.spi.Authentication;
import io.rooms.spi.Authenticator;
import io.rooms.spi.Bus;
import io.rooms.spi.Handshake;
import io.rooms.spi.JoinCheck;
import io.rooms.spi.Connection;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.spi.ConnectionListener;
import io.rooms.spi.RoomStore;
import io.rooms.spi.Scheduler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The rooms engine, independent of any transport or store: a transport hands it each socket through
 * {@link #open}, every room event goes through its {@link Bus} (in memory unless one is given), and
 * it persists room state through its {@link RoomStore}. Thread-safe.
 *
 * <pre>{@code
 * RoomsEngine rooms = RoomsEngine.builder()
 *         .settings(RoomSettings.DEFAULTS.withMaxRoomSize(50))
 *         .store(myStore)
 *         .handler("roll", (ctx, msg) -> ctx.reply("rolled", "4"))
 *         .build();
 * }</pre>
 */
public final class RoomsEngine implements ConnectionAcceptor, AutoCloseable {
    private final Engine engine;
    private final RoomSettings settings;
    private final RoomStore store;
    private final AutoCloseable ownedScheduler;
    private final ExecutorService ownedFlusher;

    private RoomsEngine(Builder builder) {
        this.settings = builder.settings;
        this.store = builder.store;
        Scheduler scheduler = builder.scheduler;
        SystemScheduler owned = null;
        if (scheduler == null) {
            owned = new SystemScheduler();
            scheduler = owned;
        }
        this.ownedScheduler = owned;
        RandomGenerator random = builder.random;
        String node = builder.nodeId != null ? builder.nodeId
                : Integer.toString(random.nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
        Map<String, ActionHandler> custom = Map.copyOf(builder.handlers);
        Executor flusher = builder.flusher;
        ExecutorService ownedFlush = null;
        if (flusher == null) {
            ownedFlush = flushThreads();
            flusher = ownedFlush;
        }
        this.ownedFlusher = ownedFlush;
        this.engine = new Engine(builder.settings, builder.savePolicy, builder.store, scheduler, random, node,
                flusher, builder.bus, builder.authenticator, builder.joinCheck, builder.resume, engine -> {
                    Map<String, ActionHandler> table = new HashMap<>(Engine.builtins(engine));
                    table.putAll(custom);
                    return table;
                });
    }

    /** One flush thread per core: each writes the frames queued for a connection together. */
    private static ExecutorService flushThreads() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
            Thread thread = new Thread(runnable, "rooms-flush-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Who the handshake's client is, by the {@link Authenticator}; a refusal means HTTP 401. */
    @Override
    public Authentication authenticate(Handshake handshake) {
        return engine.authenticate(handshake);
    }

    @Override
    public ConnectionListener open(Connection connection, Identity identity) {
        return engine.open(connection, identity);
    }

    /** The bus room events go through: in memory, or shared with the other nodes of a cluster. */
    public Bus bus() {
        return engine.bus();
    }

    public RoomStats stats() {
        return engine.stats();
    }

    /** Rooms with members, by name; in a cluster, members on any node. */
    public CompletionStage<List<RoomSummary>> rooms() {
        return engine.rooms();
    }

    /** One room's members and latest state; empty for a room with neither. */
    public CompletionStage<Optional<RoomView>> room(String name) {
        return engine.room(name);
    }

    /**
     * Sends {@code action} with {@code rawData} (JSON text) to every member of {@code room}, on
     * every node, with {@code from: "server"}; completes with how many members the room has. Never
     * blocks.
     */
    public CompletionStage<Integer> push(String room, String action, String rawData) {
        return engine.push(room, action, rawData, null);
    }

    /**
     * As {@link #push(String, String, String)}, to the member {@code to} alone (on whichever node it
     * is); completes with 1, or 0 when no such member is in the room.
     */
    public CompletionStage<Integer> push(String room, String action, String rawData, String to) {
        return engine.push(room, action, rawData, to);
    }

    /**
     * Takes member {@code memberId} out of {@code room}, on whichever node it is: it gets
     * {@code {"action":"removed","room":...}} and stays connected in no room, and the others get
     * {@code memberLeft}. Completes with false when no such member is in the room.
     */
    public CompletionStage<Boolean> remove(String room, String memberId) {
        return engine.remove(room, memberId);
    }

    /** Closes every socket of {@code user}, on every node, with code 4003; completes with how many. */
    public CompletionStage<Integer> disconnectUser(String user) {
        return engine.disconnectUser(user);
    }

    /** Whether {@code room} is a valid room name: {@code [A-Za-z0-9._-]{1,64}}. */
    public static boolean isValidRoomName(String room) {
        return Engine.isValidRoomName(room);
    }

    /** The limits and periods this engine was built with. */
    public RoomSettings settings() {
        return settings;
    }

    /**
     * Closes every socket with 1001, spread evenly over {@code period} rather than all at once, so
     * that their reconnections do not arrive as one storm; until its turn, a client is served as
     * usual. Call it after the transport has stopped taking new sockets, and before {@link #shutdown}.
     *
     * @return completes once the last socket open at the call is closed
     */
    public CompletionStage<Void> drain(Duration period) {
        return engine.drain(period);
    }

    /**
     * Stops gracefully: writes all pending room state, closes every socket with 1001 and writes what
     * their leaving left pending, waiting at most {@code timeout} for the store.
     *
     * @return whether everything was written in time
     */
    public boolean shutdown(Duration timeout) {
        return engine.shutdown(timeout);
    }

    /**
     * Shuts down (10 s for the store), then closes the bus (leaving the cluster), the store and the
     * scheduler the server made.
     */
    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(10));
        } finally {
            engine.bus().close();
            store.close();
            if (ownedFlusher != null) {
                ownedFlusher.shutdown();
            }
            if (ownedScheduler != null) {
                try {
                    ownedScheduler.close();
                } catch (Exception e) {
                    throw new RoomsException("could not stop the scheduler", e);
                }
            }
        }
    }

    /** Wires a {@link RoomsEngine}. Not thread-safe. */
    public static final class Builder {
        private RoomSettings settings = RoomSettings.DEFAULTS;
        private SavePolicy savePolicy = SavePolicy.DEFAULTS;
        private RoomStore store = new InMemoryRoomStore();
        private Scheduler scheduler;
        private RandomGenerator random = new SecureRandom();
        private String nodeId;
        private Executor flusher;
        private Bus bus;
        private Authenticator authenticator = Authenticator.ANONYMOUS;
        private JoinCheck joinCheck = JoinCheck.BY_IDENTITY;
        private ResumeSettings resume = ResumeSettings.DEFAULTS;
        private final Map<String, ActionHandler> handlers = new HashMap<>();

        private Builder() {}

        public Builder settings(RoomSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        public Builder savePolicy(SavePolicy value) {
            this.savePolicy = Objects.requireNonNull(value, "savePolicy");
            return this;
        }

        /** Where room state is saved; default an {@link InMemoryRoomStore}. The server closes it. */
        public Builder store(RoomStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Time and timers; default the system clock and one timer thread. */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** The source of names, colors and the id prefix; default a {@link SecureRandom}. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * This node's id, what every client id starts with (then a dash); letters and digits.
         * Default 4 random characters. A shared bus brings its own.
         */
        public Builder nodeId(String value) {
            if (!value.matches("[A-Za-z0-9]{1,32}")) {
                throw new IllegalArgumentException("a node id is 1 to 32 letters and digits, got " + value);
            }
            this.nodeId = value;
            return this;
        }

        /**
         * Where queued frames are written; default one thread per core. {@code Runnable::run} writes
         * on the thread that queued them (deterministic, for tests; no write coalescing).
         */
        public Builder flushExecutor(Executor value) {
            this.flusher = Objects.requireNonNull(value, "flusher");
            return this;
        }

        /**
         * The bus room events go through. Default: one in memory, for a server of its own; a shared
         * one makes this server a node of a cluster, and its client ids start with the bus's node id.
         * The server closes it.
         */
        public Builder bus(Bus value) {
            this.bus = Objects.requireNonNull(value, "bus");
            return this;
        }

        /**
         * Who connects: checked at every handshake (a refusal is HTTP 401), and asked again for a
         * {@code refresh}. Default: everyone, anonymous.
         */
        public Builder authenticator(Authenticator value) {
            this.authenticator = Objects.requireNonNull(value, "authenticator");
            return this;
        }

        /** Who may join which room (a refusal is error {@code forbidden}). Default: the identity's rooms. */
        public Builder joinCheck(JoinCheck value) {
            this.joinCheck = Objects.requireNonNull(value, "joinCheck");
            return this;
        }

        /** How much and how long rooms remember for clients that resume; default {@link ResumeSettings#DEFAULTS}. */
        public Builder resume(ResumeSettings value) {
            this.resume = Objects.requireNonNull(value, "resume");
            return this;
        }

        /** Adds a handler for {@code action}, or replaces the built-in one. */
        public Builder handler(String action, ActionHandler handler) {
            if (action == null || action.isEmpty()) {
                throw new IllegalArgumentException("action must not be empty");
            }
            handlers.put(action, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        public RoomsEngine build() {
            return new RoomsEngine(this);
        }
    }
}
