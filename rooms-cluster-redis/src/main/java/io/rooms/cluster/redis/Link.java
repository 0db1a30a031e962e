package io.rooms.cluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
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
 * A node's two connections to Redis (commands, and pub/sub) and whether they are up. Lettuce
 * reconnects by itself with a backoff of 100 ms doubling to 2 s, and commands fail at once while
 * the link is down instead of queueing to run late. Thread-safe.
 */
final class Link implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Link.class);

    final StatefulRedisConnection<String, String> commands;
    final StatefulRedisPubSubConnection<String, String> pubsub;
    final String node;
    private final RedisClusterSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final AtomicLong disconnects = new AtomicLong();
    private volatile boolean commandsUp = true;
    private volatile boolean pubsubUp = true;
    private volatile boolean closing;

    /** What a node does when a connection comes back. */
    interface Reconnected {
        void commandsBack();

        void pubsubBack();
    }

    private Link(RedisClusterSettings settings, ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, String> commands, StatefulRedisPubSubConnection<String, String> pubsub,
            String node) {
        this.settings = settings;
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.pubsub = pubsub;
        this.node = node;
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
            String node = "n" + commands.sync().incr(settings.keyPrefix() + "nodeseq");
            return new Link(settings, resources, client, commands, client.connectPubSub(), node);
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

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
