package io.rooms.cluster.redis;

import io.lettuce.core.ScriptOutputType;
import io.rooms.MemberInfo;
import io.rooms.RoomSummary;
import io.rooms.RoomsException;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Bus} on one Redis, through Lettuce. The registry is a sorted set per room (scored by
 * activity) with the members' details beside it, changed only by Lua scripts so that the capacity
 * check and the join, and every change and its announcement, are atomic. The broker is Redis
 * pub/sub: a channel per room (its stream) and one per node. Each node refreshes a key with a TTL;
 * the survivors remove the members of a node whose key expired.
 *
 * <p>Lettuce reconnects by itself ({@link Link}). Commands fail at once while the link is down (they
 * are not queued for later), and after a reconnect this node subscribes again to every channel it
 * needs ({@link Subscriptions}) and asks the core to register its members again ({@link Registry}). So does a heartbeat that succeeds after one that
 * failed: a stalled Redis may have run a late reap of this node after the reply was given up on.
 *
 * <p>Events and the completions of commands reach the core on this bus's own thread, one at a
 * time, never on Lettuce's threads. Thread-safe.
 */
public final class RedisBus implements Bus {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    private static final Script NODES = Script.named("nodes");
    private static final Script PUBLISH = Script.named("publish");
    private static final Script DEPART = Script.named("depart");
    private static final Script SEND = Script.named("send");
    private static final Script SINCE = Script.named("since");

    private final RedisBusSettings settings;
    private final String prefix;
    private final String node;
    private final Link link;
    private final Pipeline redis;
    private final Subscriptions subscriptions;
    private final Registry registry;
    private final Heartbeat heartbeat;
    private final ScheduledExecutorService timer;
    private final ExecutorService eventThread;
    private final Serial events;
    private final Control control;
    private final SessionStore sessions;
    private volatile boolean closing;
    private volatile Listener listener;

    private RedisBus(RedisBusSettings settings, Link link) {
        this.settings = settings;
        this.prefix = settings.keyPrefix();
        this.link = link;
        this.node = link.node;
        this.redis = new Pipeline(link.commands, node);
        this.subscriptions = new Subscriptions(link.pubsub, this::deliver);
        this.registry = new Registry(redis, prefix, node);
        this.heartbeat = new Heartbeat(redis, settings, node, this::resyncNeeded, System::nanoTime);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("rooms-cluster-heartbeat"));
        this.eventThread = Executors.newSingleThreadExecutor(daemon("rooms-bus-" + node));
        this.events = new Serial(eventThread);
        this.control = new Control(redis, prefix, node, settings.commandTimeout(), timer);
        this.sessions = new SessionStore(redis, prefix, settings.resume().window());
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Connects to Redis, takes a node id and says this node is alive. Blocks until then.
     *
     * @throws RoomsException when Redis cannot be reached
     */
    public static RedisBus connect(RedisBusSettings settings) {
        RedisBus bus = new RedisBus(settings, Link.open(settings));
        try {
            bus.subscriptions.subscribe(bus.prefix + "node:" + bus.node).toCompletableFuture().join();
            bus.subscriptions.subscribe(bus.control.channel()).toCompletableFuture().join();
            bus.redis.send(c -> c.hset(bus.prefix + "config", Map.of(
                    "history", Integer.toString(settings.resume().historySize()),
                    "window", Long.toString(Math.max(1, settings.resume().window().toMillis())))))
                    .toCompletableFuture().join();
            bus.heartbeat.beat().toCompletableFuture().join();
        } catch (RuntimeException e) {
            bus.redis.close();
            bus.timer.shutdownNow();
            bus.eventThread.shutdown();
            bus.link.close();
            throw new RoomsException("cannot reach Redis at " + settings.where() + ": " + Link.rootMessage(e), e);
        }
        bus.link.watch(new Link.Reconnected() {
            @Override
            public void commandsBack() {
                bus.resyncNeeded();
            }

            @Override
            public void pubsubBack() {
                bus.subscriptions.subscribeAgain();
            }
        });
        long period = settings.heartbeat().toMillis();
        bus.timer.scheduleAtFixedRate(() -> {
            if (!bus.closing) {
                bus.heartbeat.tick();
            }
        }, period, period, TimeUnit.MILLISECONDS);
        log.info("joined the cluster at {} as node {}", settings.where(), bus.node);
        return bus;
    }

    /** Completes on this bus's thread, never on Lettuce's. */
    private <T> CompletionStage<T> hop(CompletionStage<T> stage) {
        return stage.whenCompleteAsync((value, failure) -> { }, events);
    }

    @Override
    public String nodeId() {
        return node;
    }

    @Override
    public void start(Listener value) {
        this.listener = value;
    }

    // ---- the broker ----

    @Override
    public CompletionStage<Void> subscribe(String room) {
        return hop(subscriptions.subscribe(prefix + "room:" + room));
    }

    @Override
    public void unsubscribe(String room) {
        subscriptions.unsubscribe(prefix + "room:" + room);
    }

    private void deliver(String text) {
        events.execute(() -> {
            Listener target = listener;
            if (target == null) {
                return;
            }
            Envelope message;
            BusEvent event = null;
            try {
                message = Envelope.read(text);
                if (!message.isControl()) {
                    event = message.toEvent();
                }
            } catch (IllegalArgumentException e) {
                log.warn("ignoring a message on a rooms channel that no node wrote: {}", e.getMessage());
                return;
            }
            if (event != null) {
                target.onEvent(event);
            } else {
                try {
                    control.on(message, target::onDisconnectUser);
                } catch (IllegalArgumentException e) {
                    log.warn("ignoring a control message that no node wrote: {}", e.getMessage());
                }
            }
        });
    }

    @Override
    public CompletionStage<Delivery> publish(BusEvent.Said said) {
        return publish(said, "", "");
    }

    @Override
    public CompletionStage<Delivery> publish(BusEvent.Said said, String session, String ref) {
        return hop(PUBLISH.<List<Long>>run(redis, ScriptOutputType.MULTI, prefix, said.room(), said.from(),
                        said.action(), orEmpty(said.data()), orEmpty(said.to()), said.promote() ? "1" : "0",
                        session, ref)
                .thenApply(RedisBus::delivery));
    }

    @Override
    public CompletionStage<java.util.Set<String>> acceptedRefs(String session) {
        return hop(redis.<java.util.Set<String>>send(c -> c.smembers(prefix + "session:" + session + ":refs")));
    }

    @Override
    public CompletionStage<Delivery> send(BusEvent.NodeEvent event) {
        String kind;
        String from;
        String data = "";
        boolean promote = false;
        if (event instanceof BusEvent.StateAsked asked) {
            kind = "A";
            from = asked.newcomer();
        } else if (event instanceof BusEvent.Removed) {
            kind = "R";
            from = "server";
        } else if (event instanceof BusEvent.Replaced) {
            kind = "X";
            from = "server";
        } else {
            BusEvent.StateGiven given = (BusEvent.StateGiven) event;
            kind = "G";
            from = given.from();
            data = orEmpty(given.data());
            promote = given.promote();
        }
        return hop(SEND.<List<Long>>run(redis, ScriptOutputType.MULTI, prefix, kind, event.room(), from,
                        event.target(), data, promote ? "1" : "0")
                .thenApply(RedisBus::delivery));
    }

    @Override
    public CompletionStage<Optional<List<BusEvent>>> since(String room, long after) {
        return hop(SINCE.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, room, Long.toString(after))
                .thenApply(result -> {
                    if (((Long) result.get(0)) == 0) {
                        return Optional.<List<BusEvent>>empty();
                    }
                    List<BusEvent> events = new ArrayList<>(result.size() - 1);
                    for (int i = 1; i < result.size(); i++) {
                        events.add(Envelope.parse((String) result.get(i)));
                    }
                    return Optional.of(events);
                }));
    }

    @Override
    public CompletionStage<Void> putSession(Session session) {
        return hop(sessions.put(session));
    }

    @Override
    public CompletionStage<Optional<Session>> session(String id) {
        return hop(sessions.get(id));
    }

    @Override
    public CompletionStage<Integer> disconnectUser(String user) {
        return hop(control.disconnectUser(user));
    }

    private static Delivery delivery(List<Long> result) {
        return new Delivery(result.get(0), Math.toIntExact(result.get(1)));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    // ---- the registry ----

    @Override
    public CompletionStage<Admission> join(String room, MemberInfo member, int capacity) {
        return hop(registry.join(room, member, capacity, false));
    }

    @Override
    public CompletionStage<Void> leave(String room, String memberId) {
        return hop(registry.remove(room, memberId));
    }

    @Override
    public CompletionStage<List<MemberInfo>> members(String room) {
        return hop(registry.members(room));
    }

    @Override
    public CompletionStage<List<Node>> nodes() {
        return hop(NODES.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix).thenApply(flat -> {
            List<Node> nodes = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                nodes.add(new Node(String.valueOf(flat.get(i)), ((Number) flat.get(i + 1)).longValue() == 1));
            }
            nodes.sort(java.util.Comparator.comparing(Node::id));
            return nodes;
        }));
    }

    @Override
    public CompletionStage<List<RoomSummary>> rooms() {
        return hop(registry.rooms());
    }

    @Override
    public CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom) {
        return hop(registry.resync(localMembersByRoom));
    }

    // ---- liveness ----

    private void resyncNeeded() {
        events.execute(() -> {
            Listener target = listener;
            if (target != null && !closing) {
                target.onResyncNeeded();
            }
        });
    }

    /** A dead node is reaped within its time-out and a heartbeat; a live one lets go at once. */
    @Override
    public java.time.Duration takeOverTimeout() {
        return settings.nodeTimeout().plus(settings.heartbeat()).plusSeconds(1);
    }

    @Override
    public boolean isConnected() {
        return link.isUp();
    }

    @Override
    public long disconnects() {
        return link.disconnects();
    }

    @Override
    public void close() {
        closing = true;
        link.closing();
        timer.shutdownNow();
        try {
            DEPART.run(redis, ScriptOutputType.INTEGER, prefix, node).toCompletableFuture()
                    .get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not remove this node's members from the cluster on leaving ({}); the others will"
                    + " when its heartbeat expires", Link.rootMessage(e));
        }
        redis.close();
        link.close();
        eventThread.shutdown();
    }
}
