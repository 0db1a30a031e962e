package io.rooms;

import io.rooms.spi.BusEvent;
import io.rooms.spi.Cluster;
import io.rooms.spi.CloseCode;
import io.rooms.spi.RoomStore;
import io.rooms.spi.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's parts, wired together once, and their lifecycle: the periodic sweep, the shutdown
 * and the close. Only {@link RoomsEngine} holds it. Which part owns what, and the paths a message
 * and a join take through them, are drawn in this package's documentation. Thread-safe.
 */
final class EngineParts {
    /** How often what the resume window no longer covers is forgotten. */
    private static final long SWEEP_NANOS = Duration.ofSeconds(10).toNanos();

    final EngineSettings settings;
    final Scheduler scheduler;
    final Cluster cluster;
    final Counters counters;
    final ClientRegistry clients;
    final AccessControl access;
    final Watchdog watchdog;
    final MessageDispatcher dispatcher;
    final Relay relay;
    final RoomLookup views;
    private final RoomStore store;
    private final StateSaver saver;
    private final MemoryCluster memory;
    private final AutoCloseable ownedScheduler;
    private final ExecutorService ownedFlusher;
    private final Executor flusher;
    private final Runnable sessionsSweep;
    private volatile boolean stopping;

    EngineParts(RoomsEngineBuilder wiring) {
        this.settings = wiring.settings;
        SystemScheduler systemScheduler = wiring.scheduler == null ? new SystemScheduler() : null;
        this.ownedScheduler = systemScheduler;
        this.scheduler = systemScheduler != null ? systemScheduler : wiring.scheduler;
        this.store = wiring.store;
        this.ownedFlusher = wiring.flusher == null ? flushThreads() : null;
        this.flusher = ownedFlusher != null ? ownedFlusher : wiring.flusher;
        String nodeId = wiring.nodeId != null ? wiring.nodeId
                : Integer.toString(wiring.random.nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
        this.memory = wiring.cluster == null
                ? new MemoryCluster(nodeId, scheduler, wiring.resume) : null;
        this.cluster = memory != null ? memory : wiring.cluster;
        LocalRooms rooms = new LocalRooms(cluster.bus(), settings.maxRooms());
        this.counters = new Counters(rooms::count);
        if (memory != null) {
            counters.historySize(memory::historySize);
        }
        this.saver = new StateSaver(store, wiring.savePolicy, scheduler, counters, cluster.view().isShared());
        Outage outage = new Outage(counters);
        SessionTracker sessions = new SessionTracker(cluster.sessions(), scheduler, wiring.resume, wiring.random);
        this.sessionsSweep = memory == null ? sessions::sweep : () -> {
            sessions.sweep();
            memory.sweep();
        };
        Leaving leaving = new Leaving(rooms, cluster.bus(), sessions, saver, outage);
        this.clients = new ClientRegistry(cluster.view().nodeId(), new Names(wiring.random), this::client, leaving,
                scheduler);
        counters.connections(clients::count);
        this.access = new AccessControl(wiring.authenticator, wiring.joinCheck, scheduler, clients);
        this.relay = new Relay(rooms, cluster.bus(), saver, outage);
        this.views = new RoomLookup(cluster.roster(), rooms, outage, saver);
        HandoffCoordinator handoffs = new HandoffCoordinator(cluster.bus(), views, saver, scheduler, outage,
                settings.stateTimeout().toNanos());
        Resumes resumes = new Resumes(clients, counters, cluster.bus(), cluster.sessions(), sessions, scheduler,
                cluster.view().takeOverTimeout());
        Joining joining = Joining.builder().rooms(rooms).bus(cluster.bus()).access(access).leaving(leaving)
                .resumes(resumes).sessions(sessions).handoffs(handoffs).outage(outage).views(views)
                .settings(settings).build();
        Presence presence = new Presence(cluster.bus(), scheduler, counters, outage, settings.maxPresenceBytes());
        Map<String, ActionHandler> actions = new HashMap<>(BuiltinActions.of(joining, leaving, relay, access, presence));
        actions.putAll(wiring.handlers);
        this.dispatcher = new MessageDispatcher(settings, actions, counters, relay, clients, flusher);
        this.watchdog = new Watchdog(clients, scheduler, settings);
        BusListener listener = new BusListener(clients, rooms, leaving, handoffs, cluster.bus(), outage,
                () -> stopping);
        outage.deliverLocallyTo(listener::onEvent);
        cluster.bus().start(listener);
        scheduler.schedule(SWEEP_NANOS, this::sweep);
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

    private Client client(String id, io.rooms.spi.Connection connection, io.rooms.spi.Identity identity, String name,
            String color) {
        long now = scheduler.nanoTime();
        Outbox.Factory outboxes = client -> new Outbox(connection, settings.maxOutboundBytes(), counters.messagesOut,
                () -> clients.drop(client, CloseCode.POLICY, "slow consumer: outbound backlog over "
                        + settings.maxOutboundBytes() + " bytes"),
                failure -> clients.sendFailed(client, failure), writerOf(connection));
        return Client.builder().id(id).connection(connection).outboxes(outboxes).identity(identity)
                .looks(name, color).limiter(new RateLimiter(settings.maxMessagesPerSecond(), now)).connectedAt(now)
                .build();
    }

    private Executor writerOf(io.rooms.spi.Connection connection) {
        Executor own = connection.writer();
        return own != null ? own : flusher;
    }

    boolean isStopping() {
        return stopping;
    }

    private void sweep() {
        try {
            sessionsSweep.run();
        } finally {
            if (!stopping) {
                scheduler.schedule(SWEEP_NANOS, this::sweep);
            }
        }
    }

    /** See {@link RoomsEngine#remove}. */
    CompletionStage<Boolean> remove(String room, String memberId) {
        if (!LocalRooms.isValidName(room) || !Relay.isMemberId(memberId)) {
            return CompletableFuture.completedFuture(false);
        }
        return cluster.bus().send(new BusEvent.Removed(room, memberId))
                .thenApply(delivery -> delivery.recipients() > 0);
    }

    /** See {@link RoomsEngine#shutdown}. */
    boolean shutdown(Duration timeout) {
        stopping = true;
        watchdog.stop();
        long deadline = System.nanoTime() + timeout.toNanos();
        saver.flushAll(timeout);
        clients.closeAll();
        return saver.flushAll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Closes the cluster (leaving it), the store, and the threads the engine made. */
    void close() {
        try {
            cluster.close();
            store.close();
        } finally {
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
}
