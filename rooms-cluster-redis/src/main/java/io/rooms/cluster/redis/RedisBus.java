package io.rooms.cluster.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.rooms.MemberInfo;
import io.rooms.RoomSummary;
import io.rooms.RoomsException;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Bus} on one Redis, through Lettuce. The registry is a sorted set per room (scored by
 * activity) with the members' details beside it, changed only by Lua scripts so that the capacity
 * check and the join, and every change and its announcement, are atomic. The broker is Redis
 * pub/sub: a channel per room (its stream) and one per node. Each node refreshes a key with a TTL;
 * the survivors remove the members of a node whose key expired.
 *
 * <p>Lettuce reconnects by itself. Commands fail at once while the link is down (they are not
 * queued for later), and after a reconnect this node subscribes again to every channel it needs and
 * asks the core to register its members again. So does a heartbeat that succeeds after one that
 * failed: a stalled Redis may have run a late reap of this node after the reply was given up on.
 *
 * <p>Events and the completions of commands reach the core on this bus's own thread, one at a
 * time, never on Lettuce's threads. Thread-safe.
 */
public final class RedisBus implements Bus {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Script JOIN = Script.named("join");
    private static final Script LEAVE = Script.named("leave");
    private static final Script PUBLISH = Script.named("publish");
    private static final Script MEMBERS = Script.named("members");
    private static final Script DEPART = Script.named("depart");
    private static final Script SEND = Script.named("send");

    private final RedisBusSettings settings;
    private final String prefix;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Pipeline redis;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final String node;
    private final Set<String> channels = new HashSet<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService events;
    private final Heartbeat heartbeat;
    private final AtomicLong disconnects = new AtomicLong();
    private volatile boolean commandsUp = true;
    private volatile boolean pubsubUp = true;
    private volatile boolean closing;
    private volatile Listener listener;

    private RedisBus(RedisBusSettings settings, ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, String> connection, StatefulRedisPubSubConnection<String, String> pubsub,
            String node) {
        this.settings = settings;
        this.prefix = settings.keyPrefix();
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.redis = new Pipeline(connection, node);
        this.pubsub = pubsub;
        this.node = node;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rooms-cluster-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeat = new Heartbeat(redis, settings, node, this::resyncNeeded);
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rooms-bus-" + node);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Completes on this bus's thread, never on Lettuce's. */
    private <T> CompletionStage<T> hop(CompletionStage<T> stage) {
        Executor executor = events;
        return stage.whenCompleteAsync((value, failure) -> { }, executor);
    }

    /**
     * Connects to Redis, takes a node id and says this node is alive. Blocks until then.
     *
     * @throws RoomsException when Redis cannot be reached
     */
    public static RedisBus connect(RedisBusSettings settings) {
        Duration timeout = settings.commandTimeout();
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            String node = "n" + connection.sync().incr(settings.keyPrefix() + "nodeseq");
            StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub();
            RedisBus cluster = new RedisBus(settings, resources, client, connection, pubsub, node);
            cluster.begin();
            return cluster;
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new RoomsException("cannot reach Redis at " + settings.uri() + ": " + rootMessage(e), e);
        }
    }

    private void begin() {
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                deliver(message);
            }
        });
        subscribeChannel(prefix + "node:" + node).toCompletableFuture().join();
        heartbeat.beat().toCompletableFuture().join();
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                reconnected(handler);
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                disconnected(handler);
            }
        });
        long period = settings.heartbeat().toMillis();
        timer.scheduleAtFixedRate(() -> {
            if (!closing) {
                heartbeat.tick();
            }
        }, period, period, TimeUnit.MILLISECONDS);
        log.info("joined the cluster at {} as node {}", settings.uri(), node);
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
        return hop(subscribeChannel(prefix + "room:" + room));
    }

    @Override
    public void unsubscribe(String room) {
        String channel = prefix + "room:" + room;
        synchronized (channels) {
            channels.remove(channel);
            pubsub.async().unsubscribe(channel);
        }
    }

    private CompletionStage<Void> subscribeChannel(String channel) {
        synchronized (channels) {
            channels.add(channel);
            return pubsub.async().subscribe(channel).thenApply(done -> null);
        }
    }

    private void deliver(String text) {
        events.execute(() -> {
            Listener target = listener;
            if (target == null) {
                return;
            }
            BusEvent event;
            try {
                event = Envelope.parse(text);
            } catch (IllegalArgumentException e) {
                log.warn("ignoring a message on a rooms channel that no node wrote: {}", e.getMessage());
                return;
            }
            target.onEvent(event);
        });
    }

    @Override
    public CompletionStage<Delivery> publish(BusEvent.Said said) {
        return hop(PUBLISH.<List<Long>>run(redis, ScriptOutputType.MULTI, prefix, said.room(), said.from(),
                        said.action(), orEmpty(said.data()), orEmpty(said.to()), said.promote() ? "1" : "0")
                .thenApply(RedisBus::delivery));
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

    private static Delivery delivery(List<Long> result) {
        return new Delivery(result.get(0), Math.toIntExact(result.get(1)));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    // ---- the registry ----

    @Override
    public CompletionStage<Admission> join(String room, MemberInfo member, int capacity) {
        return hop(join(room, member, capacity, false));
    }

    private CompletionStage<Admission> join(String room, MemberInfo member, int capacity, boolean force) {
        return JOIN.<List<Object>>run(redis, ScriptOutputType.MULTI, prefix, room, member.id(), json(member),
                        Integer.toString(capacity), node, force ? "1" : "0")
                .thenApply(result -> {
                    long status = (Long) result.get(0);
                    @SuppressWarnings("unchecked")
                    List<String> infos = (List<String>) result.get(2);
                    return new Admission(status == 1, (Long) result.get(1), infos.stream().map(RedisBus::fromJson).toList());
                });
    }

    @Override
    public CompletionStage<Void> leave(String room, String memberId) {
        return hop(remove(room, memberId));
    }

    private CompletionStage<Void> remove(String room, String memberId) {
        return LEAVE.<Long>run(redis, ScriptOutputType.INTEGER, prefix, room, memberId).thenApply(removed -> null);
    }

    @Override
    public CompletionStage<List<MemberInfo>> members(String room) {
        return hop(MEMBERS.<List<String>>run(redis, ScriptOutputType.MULTI, prefix, room)
                .thenApply(infos -> infos.stream().map(RedisBus::fromJson).toList()));
    }

    @Override
    public CompletionStage<List<RoomSummary>> rooms() {
        return hop(redis.send(c -> c.hgetall(prefix + "sizes")).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(Script.classify(failure))).thenApply(sizes -> {
            List<RoomSummary> list = new ArrayList<>(sizes.size());
            sizes.forEach((room, size) -> list.add(new RoomSummary(room, Integer.parseInt(size))));
            list.sort(Comparator.comparing(RoomSummary::room));
            return list;
        }));
    }

    @Override
    public CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom) {
        return hop(redis.send(c -> c.hgetall(prefix + "node:" + node + ":members")).thenCompose(registered -> {
            List<CompletableFuture<?>> steps = new ArrayList<>();
            Map<String, String> local = new ConcurrentHashMap<>();
            localMembersByRoom.forEach((room, members) -> {
                for (MemberInfo member : members) {
                    local.put(member.id(), room);
                    if (!room.equals(registered.get(member.id()))) {
                        steps.add(join(room, member, 0, true).toCompletableFuture());
                    }
                }
            });
            registered.forEach((id, room) -> {
                if (!room.equals(local.get(id))) {
                    steps.add(remove(room, id).toCompletableFuture());
                }
            });
            return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
        }));
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

    private void disconnected(RedisChannelHandler<?, ?> handler) {
        if (closing) {
            return;
        }
        if (handler == connection && commandsUp) {
            commandsUp = false;
            disconnects.incrementAndGet();
            log.warn("lost the connection to Redis at {}; reconnecting. Meanwhile this node serves its own"
                    + " members alone", settings.uri());
        } else if (handler == pubsub) {
            pubsubUp = false;
        }
    }

    private void reconnected(RedisChannelHandler<?, ?> handler) {
        if (closing) {
            return;
        }
        if (handler == connection && !commandsUp) {
            commandsUp = true;
            log.info("reconnected to Redis at {}", settings.uri());
            resyncNeeded();
        } else if (handler == pubsub && !pubsubUp) {
            pubsubUp = true;
            String[] all;
            synchronized (channels) {
                all = channels.toArray(String[]::new);
            }
            // Lettuce re-subscribes on its own; subscribing again is harmless and makes sure of it.
            pubsub.async().subscribe(all).whenComplete((done, failure) -> {
                if (failure != null) {
                    log.warn("could not subscribe again after reconnecting: {}", failure.toString());
                } else {
                    log.info("subscribed again to {} channel(s)", all.length);
                }
            });
        }
    }

    @Override
    public boolean isConnected() {
        return commandsUp && pubsubUp;
    }

    @Override
    public long disconnects() {
        return disconnects.get();
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        try {
            DEPART.run(redis, ScriptOutputType.INTEGER, prefix, node).toCompletableFuture()
                    .get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not remove this node's members from the cluster on leaving ({}); the others will"
                    + " when its heartbeat expires", rootMessage(e));
        }
        pubsub.close();
        redis.close();
        connection.close();
        events.shutdown();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemberInfo fromJson(String json) {
        try {
            return JSON.readValue(json, MemberInfo.class);
        } catch (IOException e) {
            throw new IllegalStateException("bad member record in Redis: " + json, e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
