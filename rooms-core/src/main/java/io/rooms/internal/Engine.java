package io.rooms.internal;

import io.rooms.ActionHandler;
import io.rooms.ErrorCode;
import io.rooms.Message;
import io.rooms.RoomSettings;
import io.rooms.RoomStats;
import io.rooms.RoomSummary;
import io.rooms.RoomView;
import io.rooms.SavePolicy;
import io.rooms.Identity;
import io.rooms.ResumeSettings;
import io.rooms.spi.Authentication;
import io.rooms.spi.Authenticator;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Handshake;
import io.rooms.spi.JoinCheck;
import io.rooms.spi.Connection;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.spi.ConnectionListener;
import io.rooms.spi.RoomStore;
import io.rooms.spi.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link io.rooms.RoomsEngine}: accepts connections, wires the rooms, the bus and
 * the saver, and shuts down. Not API: the one public class of this package, because
 * {@code RoomsEngine} builds it; use {@code RoomsEngine}. Thread-safe: the transport may call in
 * from any number of threads.
 */
public final class Engine implements ConnectionAcceptor {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_POLICY = 1008;
    static final int CLOSE_INTERNAL_ERROR = 1011;
    /** The contract's close code for a socket the server disconnects on purpose. */
    static final int CLOSE_DISCONNECTED = 4003;

    private final RoomSettings settings;
    private final Scheduler scheduler;
    private final Intake intake;
    private final Names names;
    private final String idPrefix;
    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentMap<String, Client> clients = new ConcurrentHashMap<>();
    private final Stats stats;
    private final StateSaver saver;
    private final Rooms rooms;
    private final Bus bus;
    private final Membership membership;
    private final Messages messages;
    private final Watchdog watchdog;
    private final Outage outage;
    private final Executor flusher;
    private final Access access;
    private final MemoryBus memoryBus;
    private final Sessions sessions;
    private volatile boolean stopping;

    /**
     * @param flusher runs the writes of queued frames, and the messages a client sent while its join
     *     was on its way; {@code Runnable::run} runs them on the caller's thread
     * @param bus the seam room events go through; null for this node alone, in memory
     * @param authenticator who a handshake's client is
     * @param joinCheck whether a client may join a room
     * @param actions builds the dispatch table from this engine: the built-ins plus the application's
     */
    public Engine(RoomSettings settings, SavePolicy policy, RoomStore store, Scheduler scheduler,
            RandomGenerator random, String node, Executor flusher, Bus bus, Authenticator authenticator,
            JoinCheck joinCheck, ResumeSettings resume, Function<Engine, Map<String, ActionHandler>> actions) {
        this.settings = settings;
        this.access = new Access(authenticator, joinCheck, scheduler, this);
        this.flusher = flusher;
        this.scheduler = scheduler;
        this.names = new Names(random);
        this.memoryBus = bus == null ? new MemoryBus(node, scheduler, resume) : null;
        this.bus = bus != null ? bus : memoryBus;
        this.idPrefix = this.bus.nodeId() + "-";
        this.rooms = new Rooms(this.bus, settings.maxRooms());
        this.stats = new Stats(clients::size, rooms::count);
        if (memoryBus != null) {
            stats.historySize(memoryBus::historySize);
        }
        this.sessions = new Sessions(this.bus, scheduler, resume, random);
        this.saver = new StateSaver(store, policy, scheduler, stats, this.bus.isShared());
        this.outage = new Outage(stats);
        Handoffs handoffs = new Handoffs(this.bus, rooms, saver, scheduler, outage, settings.stateTimeout().toNanos());
        this.membership = new Membership(this, rooms, this.bus, handoffs, saver, outage, sessions, scheduler,
                this.bus.takeOverTimeout(), settings.maxRoomSize(), settings.maxRooms());
        this.messages = new Messages(this, rooms, this.bus, saver, outage);
        BusListener listener = new BusListener(this, rooms, membership, handoffs, this.bus, outage);
        outage.deliverLocallyTo(listener::onEvent);
        this.intake = new Intake(this, settings, new MessageParser(settings.maxMessageBytes()),
                Map.copyOf(actions.apply(this)), stats, flusher);
        this.watchdog = new Watchdog(this, scheduler, clients.values(), settings.pingInterval().toNanos(),
                settings.joinTimeout().toNanos());
        this.bus.start(listener);
        scheduler.schedule(SWEEP_NANOS, this::sweep);
    }

    /** How often what the resume window no longer covers is forgotten. */
    private static final long SWEEP_NANOS = Duration.ofSeconds(10).toNanos();

    private void sweep() {
        try {
            sessions.sweep();
            if (memoryBus != null) {
                memoryBus.sweep();
            }
        } finally {
            if (!stopping) {
                scheduler.schedule(SWEEP_NANOS, this::sweep);
            }
        }
    }

    /** The handlers every server has; an application may replace any of them. */
    public static Map<String, ActionHandler> builtins(Engine engine) {
        return Map.of(
                "newClient", (context, message) -> engine.membership.join(client(context), message),
                "echo", (context, message) -> context.reply("echo", message.data()),
                "ping", (context, message) -> engine.send(client(context), Frames.pong()),
                "talkToRoom", (context, message) -> context.relay(message),
                "state", (context, message) -> engine.messages.answerState(client(context), message),
                "refresh", (context, message) -> engine.access.refresh(client(context), message),
                "leave", (context, message) -> {
                    if (!engine.membership.leave(client(context))) {
                        context.error(ErrorCode.NOT_IN_ROOM, "not in a room");
                    }
                });
    }

    private static Client client(io.rooms.ActionContext context) {
        return ((Context) context).client();
    }

    @Override
    public Authentication authenticate(Handshake handshake) {
        return access.authenticate(handshake);
    }

    @Override
    public ConnectionListener open(Connection connection, Identity identity) {
        String id = idPrefix + Long.toString(nextId.incrementAndGet(), 36);
        long now = now();
        String name = identity.name() != null ? identity.name() : names.name();
        Client client = new Client(id, connection, this, this::outbox, identity, name, names.color(),
                new RateLimiter(settings.maxMessagesPerSecond(), now), now);
        if (stopping) {
            client.markGone();
            connection.close(CLOSE_GOING_AWAY, "server shutting down");
            return client;
        }
        clients.put(id, client);
        watchdog.watch(client);
        access.watch(client);
        return client;
    }

    private Outbox outbox(Client client) {
        return new Outbox(client.connection, settings.maxOutboundBytes(), stats.messagesOut,
                () -> drop(client, CLOSE_POLICY, "slow consumer: outbound backlog over "
                        + settings.maxOutboundBytes() + " bytes"),
                failure -> sendFailed(client, failure), Objects.requireNonNullElse(client.connection.writer(), flusher));
    }

    void onText(Client client, String text) {
        intake.onText(client, text);
    }

    void onBinary(Client client) {
        intake.onBinary(client);
    }

    void joinEnded(Client client) {
        intake.joinEnded(client);
    }

    void onTransportError(Client client, Throwable cause) {
        log.debug("transport error on client {}: {}", client.id, cause.toString());
    }

    /** Removes the client from its room and from the server; idempotent. */
    void disconnect(Client client) {
        synchronized (client.leaving) {
            if (!client.markGone()) {
                return;
            }
            Watchdog.joined(client);
            Access.forget(client);
            membership.leave(client);
            // Only now: until it has left, a resume of its session must find it here and wait for it.
            clients.remove(client.id, client);
        }
    }

    /** Closes the client's socket with {@code code} and removes it at once. */
    void drop(Client client, int code, String reason) {
        if (client.isGone()) {
            return;
        }
        client.connection.close(code, reason);
        disconnect(client);
    }

    private void sendFailed(Client client, Throwable failure) {
        if (!client.isGone()) {
            log.debug("send to client {} failed: {}", client.id, failure.toString());
            drop(client, CLOSE_INTERNAL_ERROR, "send failed");
        }
    }

    /**
     * A resumed session's connection is still here (its loss not noticed yet): it is closed, so that
     * the client resuming it takes its place. False when no connection of this node has that id.
     */
    boolean takeOver(String memberId) {
        Client old = clients.get(memberId);
        if (old == null) {
            return false;
        }
        drop(old, CLOSE_GOING_AWAY, "session resumed on another connection");
        synchronized (old.leaving) {
            // Its loss may have been seen on another thread just now: wait until it has left the room,
            // so that the member coming back under its id never meets it there.
            return true;
        }
    }

    /** Whether a connection of this node has member id {@code memberId}. */
    boolean isLocal(String memberId) {
        return clients.containsKey(memberId);
    }

    /** Gives {@code client} the id of the member it resumes. */
    void rename(Client client, String id) {
        clients.remove(client.id, client);
        client.id = id;
        clients.put(id, client);
    }

    void recovery(io.rooms.Recovery outcome) {
        stats.recovery(outcome);
    }

    void replayed(int count) {
        stats.replayed.add(count);
    }

    boolean mayJoin(Client client, String room) {
        return access.mayJoin(client, room);
    }

    /** The bus says the server took member {@code id} out of {@code room}: if it is here, it leaves and is told. */
    void removeLocal(Room room, String id) {
        Client client = clients.get(id);
        if (client != null && client.room == room && membership.leave(client)) {
            send(client, Frames.removed(room.name));
        }
    }

    /** Closes this node's sockets of {@code user} with 4003; returns how many. */
    int disconnectLocal(String user) {
        int closed = 0;
        for (Client client : clients.values()) {
            if (user.equals(client.identity.user()) && !client.isGone()) {
                drop(client, CLOSE_DISCONNECTED, "disconnected by the server");
                closed++;
            }
        }
        return closed;
    }

    void joined(Client client) {
        Watchdog.joined(client);
    }

    /** Sends an error; one raised while a message is dispatched carries that message's ref. */
    void error(Client client, ErrorCode code, String message) {
        error(client, code, message, Intake.refusedRef());
    }

    /** Sends an error for the message with {@code ref} (raw JSON text, or null), answered after its dispatch. */
    void error(Client client, ErrorCode code, String message, String ref) {
        stats.error(code);
        send(client, Frames.error(code.wire(), message, ref));
    }

    void send(Client client, String frame) {
        client.outbox().offer(frame);
        client.outbox().drain();
    }

    void relay(Client client, Message message) {
        messages.relay(client, message);
    }

    long now() {
        return scheduler.nanoTime();
    }

    boolean isStopping() {
        return stopping;
    }

    public io.rooms.RoomStats stats() {
        return stats;
    }

    /** The bus this engine publishes through. */
    public Bus bus() {
        return bus;
    }

    /** Rooms with members on any node. */
    public CompletionStage<List<RoomSummary>> rooms() {
        return Views.summaries(bus, rooms);
    }

    public CompletionStage<Optional<RoomView>> room(String name) {
        return Views.room(bus, rooms, outage, saver, name);
    }

    /** Whether {@code room} matches the contract's {@code [A-Za-z0-9._-]{1,64}}. */
    public static boolean isValidRoomName(String room) {
        return Rooms.isValidName(room);
    }

    /** See {@link io.rooms.RoomsEngine#push(String, String, String, String)}. */
    public CompletionStage<Integer> push(String room, String action, String data, String to) {
        if (!Rooms.isValidName(room)) {
            throw new IllegalArgumentException("invalid room name: " + room);
        }
        if (to != null && !Messages.isMemberId(to)) {
            return java.util.concurrent.CompletableFuture.completedFuture(0);
        }
        return messages.push(room, action, data, to);
    }

    /** See {@link io.rooms.RoomsEngine#remove}. */
    public CompletionStage<Boolean> remove(String room, String memberId) {
        if (!Rooms.isValidName(room) || !Messages.isMemberId(memberId)) {
            return java.util.concurrent.CompletableFuture.completedFuture(false);
        }
        return bus.send(new BusEvent.Removed(room, memberId)).thenApply(delivery -> delivery.recipients() > 0);
    }

    /** See {@link io.rooms.RoomsEngine#disconnectUser}. */
    public CompletionStage<Integer> disconnectUser(String user) {
        return bus.disconnectUser(user);
    }

    /** Rooms whose state is not yet written. */
    public int pendingSaves() {
        return saver.pendingCount();
    }

    /**
     * Closes every client with 1001, one after another, spread evenly over {@code period}, so that
     * they do not all reconnect at the same moment; the others are served as usual meanwhile.
     * Completes once the last is closed. New connections are the transport's to refuse.
     */
    public CompletableFuture<Void> drain(Duration period) {
        List<Client> all = List.copyOf(clients.values());
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (all.isEmpty()) {
            done.complete(null);
            return done;
        }
        long step = period.toNanos() / all.size();
        AtomicInteger remaining = new AtomicInteger(all.size());
        for (int i = 0; i < all.size(); i++) {
            Client client = all.get(i);
            scheduler.schedule(step * i, () -> {
                try {
                    drop(client, CLOSE_GOING_AWAY, "server shutting down");
                } finally {
                    if (remaining.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                }
            });
        }
        return done;
    }

    /**
     * Stops: writes pending state, closes every socket with 1001, and writes what their leaving
     * left pending, waiting at most {@code timeout} for the store.
     */
    public boolean shutdown(Duration timeout) {
        stopping = true;
        watchdog.stop();
        long deadline = System.nanoTime() + timeout.toNanos();
        saver.flushAll(timeout);
        for (Client client : clients.values()) {
            drop(client, CLOSE_GOING_AWAY, "server shutting down");
        }
        return saver.flushAll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
