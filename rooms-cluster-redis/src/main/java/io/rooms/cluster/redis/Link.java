package io.rooms.cluster.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.rooms.RoomsException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's two connections to Redis (commands, and pub/sub) and whether they are up: to one Redis
 * (or the master Sentinel names), or to a Redis Cluster, where each is a connection per shard that
 * Lettuce routes by slot and follows through failovers and slot moves (its view of the cluster is
 * refreshed every second, and at once on a redirection or a lost connection). Lettuce reconnects by
 * itself with a backoff of 100 ms doubling to 2 s, and commands fail at once while the link is down
 * instead of queueing to run late. Thread-safe.
 */
final class Link implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Link.class);

    final StatefulConnection<String, String> commands;
    final RedisClusterAsyncCommands<String, String> async;
    final StatefulRedisPubSubConnection<String, String> pubsub;
    final String node;
    private final RedisClusterSettings settings;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final AtomicLong disconnects = new AtomicLong();
    private volatile boolean commandsUp = true;
    private volatile boolean pubsubUp = true;
    private volatile boolean closing;

    /** What a node does when a connection comes back. */
    interface Reconnected {
        void commandsBack();

        void pubsubBack();
    }

    private Link(RedisClusterSettings settings, ClientResources resources, AbstractRedisClient client,
            StatefulConnection<String, String> commands, RedisClusterAsyncCommands<String, String> async,
            StatefulRedisPubSubConnection<String, String> pubsub, String node) {
        this.settings = settings;
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.async = async;
        this.pubsub = pubsub;
        this.node = node;
    }

    /** The cluster's client, for its view of which shard serves which slot; null on one Redis. */
    RedisClusterClient clusterClient() {
        return client instanceof RedisClusterClient cluster ? cluster : null;
    }

    /**
     * Connects both and takes a node id from Redis's counter. Blocks until then.
     *
     * @throws RoomsException when Redis cannot be reached
     */
    static Link open(RedisClusterSettings settings) {
        Duration timeout = settings.commandTimeout();
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        String nodeSeq = new Keys(settings.keyPrefix()).nodeSeq();
        if (settings.isRedisCluster()) {
            java.util.List<RedisURI> nodes = RedisClusterSettings.clusterNodes(settings.uri());
            nodes.forEach(uri -> uri.setTimeout(timeout));
            RedisClusterClient client = RedisClusterClient.create(resources, nodes);
            // A shard's connection is made when first used, and while it is being made (or made again, to
            // the replica that took over) commands wait for it, at most the command time-out: rejecting
            // them would refuse every first command to a shard.
            client.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(1))
                            .enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                            .refreshTriggersReconnectAttempts(2)
                            .build())
                    .build());
            try {
                StatefulRedisClusterConnection<String, String> commands = client.connect();
                String node = "n" + commands.sync().incr(nodeSeq);
                StatefulRedisClusterPubSubConnection<String, String> pubsub = client.connectPubSub();
                pubsub.setNodeMessagePropagation(true);
                return new Link(settings, resources, client, commands, commands.async(), pubsub, node);
            } catch (RedisException e) {
                client.shutdown();
                resources.shutdown();
                throw new RoomsException("cannot reach the Redis Cluster at " + settings.where() + ": " + rootMessage(e), e);
            }
        }
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
            StatefulRedisConnection<String, String> commands = client.connect();
            String node = "n" + commands.sync().incr(nodeSeq);
            return new Link(settings, resources, client, commands, commands.async(), client.connectPubSub(), node);
        } catch (RedisException e) {
            client.shutdown();
            resources.shutdown();
            throw new RoomsException("cannot reach Redis at " + settings.where() + ": " + rootMessage(e), e);
        }
    }

    /** Watches both connections from now on, telling {@code then} when one is back. */
    void watch(Reconnected then) {
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                if (closing) {
                    return;
                }
                if (handler == commands && !commandsUp) {
                    commandsUp = true;
                    log.info("reconnected to Redis at {}", settings.where());
                    then.commandsBack();
                } else if (handler == pubsub && !pubsubUp) {
                    pubsubUp = true;
                    then.pubsubBack();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (closing) {
                    return;
                }
                if (client instanceof RedisClusterClient) {
                    // A shard's connection, or one of those Lettuce opens and closes each second to read
                    // the cluster's layout: a shard that is gone shows in the commands that fail.
                    log.debug("a connection to the Redis Cluster at {} closed", settings.where());
                    return;
                }
                if (handler == commands && commandsUp) {
                    commandsUp = false;
                    disconnects.incrementAndGet();
                    log.warn("lost the connection to Redis at {}; reconnecting. Meanwhile this node serves its own"
                            + " members alone", settings.where());
                } else if (handler == pubsub) {
                    pubsubUp = false;
                }
            }
        });
    }

    boolean isUp() {
        if (client instanceof RedisClusterClient) {
            return commands.isOpen() && pubsub.isOpen(); // each shard's connection reconnects on its own
        }
        return commandsUp && pubsubUp;
    }

    long disconnects() {
        return disconnects.get();
    }

    /** Marks the link as closing: from now on losing it is expected. */
    void closing() {
        closing = true;
    }

    @Override
    public void close() {
        closing = true;
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The deepest cause's message, on one line (Lettuce's cluster errors list each node on lines of their own). */
    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        return message.strip().replaceAll("\\s+", " ");
    }
}
