package io.rooms;

import io.rooms.spi.Authenticator;
import io.rooms.spi.Cluster;
import io.rooms.spi.JoinCheck;
import io.rooms.spi.RoomStore;
import io.rooms.spi.Scheduler;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Wires a {@link RoomsEngine}; from {@link RoomsEngine#builder()}. What is not set takes the default
 * each step names. Not thread-safe.
 */
public final class RoomsEngineBuilder {
    EngineSettings settings = EngineSettings.DEFAULTS;
    SavePolicy savePolicy = SavePolicy.DEFAULTS;
    RoomStore store = new InMemoryRoomStore();
    Scheduler scheduler;
    RandomGenerator random = new SecureRandom();
    String nodeId;
    Executor flusher;
    Cluster cluster;
    Authenticator authenticator = Authenticator.ANONYMOUS;
    JoinCheck joinCheck = JoinCheck.BY_IDENTITY;
    ResumeSettings resume = ResumeSettings.DEFAULTS;
    final Map<String, ActionHandler> handlers = new HashMap<>();

    RoomsEngineBuilder() {}

    public RoomsEngineBuilder settings(EngineSettings value) {
        this.settings = Objects.requireNonNull(value, "settings");
        return this;
    }

    public RoomsEngineBuilder savePolicy(SavePolicy value) {
        this.savePolicy = Objects.requireNonNull(value, "savePolicy");
        return this;
    }

    /** Where room state is saved; default an {@link InMemoryRoomStore}. The engine closes it. */
    public RoomsEngineBuilder store(RoomStore value) {
        this.store = Objects.requireNonNull(value, "store");
        return this;
    }

    /** Time and timers; default the system clock and one timer thread. */
    public RoomsEngineBuilder scheduler(Scheduler value) {
        this.scheduler = Objects.requireNonNull(value, "scheduler");
        return this;
    }

    /** The source of names, colors, session ids and the node id; default a {@link SecureRandom}. */
    public RoomsEngineBuilder random(RandomGenerator value) {
        this.random = Objects.requireNonNull(value, "random");
        return this;
    }

    /**
     * This node's id, what every client id starts with (then a dash); letters and digits. Default 4
     * random characters. A shared cluster brings its own.
     */
    public RoomsEngineBuilder nodeId(String value) {
        if (!value.matches("[A-Za-z0-9]{1,32}")) {
            throw new IllegalArgumentException("a node id is 1 to 32 letters and digits, got " + value);
        }
        this.nodeId = value;
        return this;
    }

    /**
     * Where queued frames are written; default one thread per core. {@code Runnable::run} writes on
     * the thread that queued them (deterministic, for tests; no write coalescing).
     */
    public RoomsEngineBuilder flushExecutor(Executor value) {
        this.flusher = Objects.requireNonNull(value, "flusher");
        return this;
    }

    /**
     * The cluster this engine is a node of: its bus, roster, sessions and view. Default: one in
     * memory, for an engine on its own; a shared one makes this engine a node of a cluster, and its
     * client ids start with the cluster's node id. The engine closes it.
     */
    public RoomsEngineBuilder cluster(Cluster value) {
        this.cluster = Objects.requireNonNull(value, "cluster");
        return this;
    }

    /**
     * Who connects: checked at every handshake (a refusal is HTTP 401), and asked again for a
     * {@code refresh}. Default: everyone, anonymous.
     */
    public RoomsEngineBuilder authenticator(Authenticator value) {
        this.authenticator = Objects.requireNonNull(value, "authenticator");
        return this;
    }

    /** Who may join which room (a refusal is error {@code forbidden}). Default: the identity's rooms. */
    public RoomsEngineBuilder joinCheck(JoinCheck value) {
        this.joinCheck = Objects.requireNonNull(value, "joinCheck");
        return this;
    }

    /** How much and how long rooms remember for clients that resume; default {@link ResumeSettings#DEFAULTS}. */
    public RoomsEngineBuilder resume(ResumeSettings value) {
        this.resume = Objects.requireNonNull(value, "resume");
        return this;
    }

    /** Adds a handler for {@code action}, or replaces the built-in one. */
    public RoomsEngineBuilder handler(String action, ActionHandler handler) {
        if (action == null || action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
        handlers.put(action, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    public RoomsEngine build() {
        return new RoomsEngine(new EngineParts(this));
    }
}
