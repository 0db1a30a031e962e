package io.rooms.cluster.redis;

import io.lettuce.core.ScriptOutputType;
import io.rooms.RoomsException;
import io.rooms.spi.Bus;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterView;
import io.rooms.spi.Roster;
import io.rooms.spi.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Cluster} on one Redis (or Sentinel), or sharded over a Redis Cluster, through Lettuce: its {@link RedisBus}, the roster
 * read from the bus's registry, sessions in Redis, and this view of the nodes. Each node refreshes
 * a key with a TTL; the survivors remove the members of a node whose key expired.
 *
 * <p>Lettuce reconnects by itself ({@link Link}). Commands fail at once while the link is down (they
 * are not queued for later), and after a reconnect this node subscribes again to every channel it
 * needs ({@link Subscriptions}) and asks the core to register its members again ({@link Registry}).
 * So does a heartbeat that succeeds after one that failed: a stalled Redis may have run a late reap
 * of this node after the reply was given up on. Thread-safe.
 */
public final class RedisCluster implements Cluster, ClusterView {
    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);
    private static final Script NODES = Script.liveness("nodes");

    private final RedisClusterSettings settings;
    private final Keys keys;
    private final String node;
    private final Link link;
    private final Pipeline redis;
    private final ScheduledExecutorService timer;
    private final ExecutorService eventThread;
    private final Serial events;
    private final Heartbeat heartbeat;
    private final RedisBus bus;
    private final RedisRoster roster;
    private final RedisSessionStore sessions;
    private volatile boolean closing;

    private RedisCluster(RedisClusterSettings settings, Link link) {
        this.settings = settings;
        this.keys = new Keys(settings.keyPrefix());
        this.link = link;
        this.node = link.node;
        this.redis = new Pipeline(link.commands, link.async, node);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("rooms-cluster-heartbeat"));
        this.eventThread = Executors.newSingleThreadExecutor(daemon("rooms-bus-" + node));
        this.events = new Serial(eventThread);
        RoomScripts scripts = new RoomScripts(redis, keys, settings);
        Registry registry = new Registry(redis, scripts, keys, node);
        Reaper reaper = new Reaper(redis, keys, registry, settings);
        Control control = new Control(redis, keys, settings.isRedisCluster(), node, settings.commandTimeout(), timer);
        this.bus = new RedisBus(settings, link, keys, scripts, registry, reaper, control, events);
        this.roster = new RedisRoster(registry, events);
        this.sessions = new RedisSessionStore(redis, keys, settings.resume().window(), events);
        this.heartbeat = new Heartbeat(redis, keys, reaper, settings, node, bus::resyncNeeded, System::nanoTime);
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
    public static RedisCluster connect(RedisClusterSettings settings) {
        RedisCluster cluster = new RedisCluster(settings, Link.open(settings));
        try {
            cluster.bus.subscribeToNodeChannels();
            if (!settings.isRedisCluster()) { // there a room's scripts run one at a time: none can overtake a resend
                Script.loadAll(cluster.redis).toCompletableFuture().join();
            }
            cluster.heartbeat.beat().toCompletableFuture().join();
        } catch (RuntimeException e) {
            cluster.redis.close();
            cluster.timer.shutdownNow();
            cluster.eventThread.shutdown();
            cluster.link.close();
            throw new RoomsException("cannot reach Redis at " + settings.where() + ": " + Link.rootMessage(e), e);
        }
        cluster.link.watch(new Link.Reconnected() {
            @Override
            public void commandsBack() {
                // A Redis that restarted has no scripts: load them before the members are registered again.
                Script.loadAll(cluster.redis).whenComplete((done, failure) -> cluster.bus.resyncNeeded());
            }

            @Override
            public void pubsubBack() {
                cluster.bus.subscribeAgain();
            }
        });
        long period = settings.heartbeat().toMillis();
        cluster.timer.scheduleAtFixedRate(() -> {
            if (!cluster.closing) {
                cluster.heartbeat.tick();
                cluster.bus.reconcileSubscriptions();
            }
        }, period, period, TimeUnit.MILLISECONDS);
        log.info("joined the cluster at {} as node {}", settings.where(), cluster.node);
        return cluster;
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public Roster roster() {
        return roster;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public ClusterView view() {
        return this;
    }

    @Override
    public String nodeId() {
        return node;
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public CompletionStage<List<Node>> nodes() {
        return events.hop(NODES.<List<Object>>run(redis, ScriptOutputType.MULTI, new String[] {keys.beats()}).thenApply(flat -> {
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                nodes.add(new Node(String.valueOf(flat.get(i)), ((Number) flat.get(i + 1)).longValue() == 1));
            }
            nodes.sort(Comparator.comparing(Node::id));
            return nodes;
        }));
    }

    /** A dead node is reaped within its time-out and a heartbeat; a live one lets go at once. */
    @Override
    public Duration takeOverTimeout() {
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

    /** Leaves: this node's members are removed and announced, then the connections closed. */
    @Override
    public void close() {
        closing = true;
        link.closing();
        timer.shutdownNow();
        bus.close();
        redis.close();
        link.close();
        eventThread.shutdown();
    }
}
