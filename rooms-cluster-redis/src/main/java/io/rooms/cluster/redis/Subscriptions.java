package io.rooms.cluster.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's pub/sub channels: its own node channel and the control channel (classic pub/sub), and
 * the rooms it has members in (shard channels on a Redis Cluster, classic on one Redis). Remembers
 * them, so that after a reconnect it subscribes to every one again.
 *
 * <p>On a Redis Cluster a room's channel lives on the shard that serves its slot. When that shard
 * changes (its master died and a replica took over, or the slot moved), the subscription is gone:
 * Redis says so for a moved slot, and a dead master says nothing. So each {@link #reconcile()} (every
 * heartbeat) subscribes again to every room channel that is not confirmed on the shard that now
 * serves its slot, as Lettuce's view of the cluster has it. Thread-safe.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final RedisClusterClient cluster;
    private final Set<String> channels = new HashSet<>();
    private final Set<String> rooms = new HashSet<>();
    /** On a Redis Cluster: each room channel confirmed subscribed, and the shard (its node id) that confirmed it. */
    private final Map<String, String> confirmed = new HashMap<>();

    /**
     * @param cluster the Redis Cluster's client, for which shard serves a slot; null on one Redis
     * @param messages gets each message's text, on Lettuce's thread
     */
    Subscriptions(StatefulRedisPubSubConnection<String, String> pubsub, RedisClusterClient cluster,
            Consumer<String> messages) {
        this.pubsub = pubsub;
        this.cluster = cluster;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                messages.accept(message);
            }

            @Override
            public void smessage(String channel, String message) {
                messages.accept(message);
            }
        });
        if (pubsub instanceof StatefulRedisClusterPubSubConnection<String, String> clustered) {
            clustered.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void ssubscribed(RedisClusterNode node, String channel, long count) {
                    synchronized (channels) {
                        if (rooms.contains(channel)) {
                            confirmed.put(channel, node.getNodeId());
                        }
                    }
                }

                @Override
                public void sunsubscribed(RedisClusterNode node, String channel, long count) {
                    synchronized (channels) {
                        confirmed.remove(channel); // asked for, or the slot moved away: reconcile() tells which
                    }
                }
            });
        }
    }

    /** A classic channel: this node's own, or the control channel. */
    CompletionStage<Void> subscribe(String channel) {
        synchronized (channels) {
            channels.add(channel);
            return pubsub.async().subscribe(channel).thenApply(done -> null);
        }
    }

    /** A room's channel. */
    CompletionStage<Void> subscribeRoom(String channel) {
        synchronized (channels) {
            rooms.add(channel);
            if (cluster == null) {
                return pubsub.async().subscribe(channel).thenApply(done -> null);
            }
            return pubsub.async().ssubscribe(channel).thenApply(done -> null);
        }
    }

    void unsubscribeRoom(String channel) {
        synchronized (channels) {
            rooms.remove(channel);
            confirmed.remove(channel);
            if (cluster == null) {
                pubsub.async().unsubscribe(channel);
            } else {
                pubsub.async().sunsubscribe(channel);
            }
        }
    }

    /** After a reconnect: Lettuce subscribes again on its own; doing it here too makes sure of it. */
    void subscribeAgain() {
        String[] all;
        synchronized (channels) {
            Set<String> every = new HashSet<>(channels);
            if (cluster == null) {
                every.addAll(rooms);
            }
            all = every.toArray(String[]::new);
        }
        pubsub.async().subscribe(all).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("could not subscribe again after reconnecting: {}", failure.toString());
            } else {
                log.info("subscribed again to {} channel(s)", all.length);
            }
        });
        reconcile();
    }

    /**
     * On a Redis Cluster: subscribes again, one by one (their slots differ), to every room channel
     * not confirmed by the shard that serves its slot now. Nothing on one Redis.
     */
    void reconcile() {
        if (cluster == null) {
            return;
        }
        List<String> again = new java.util.ArrayList<>();
        synchronized (channels) {
            for (String channel : rooms) {
                RedisClusterNode owner = cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(channel));
                String confirmedBy = confirmed.get(channel);
                if (owner == null || !owner.getNodeId().equals(confirmedBy)) {
                    confirmed.remove(channel);
                    again.add(channel);
                }
            }
        }
        for (String channel : again) {
            pubsub.async().ssubscribe(channel).whenComplete((done, failure) -> {
                if (failure != null) {
                    log.debug("could not subscribe again to {} yet: {}", channel, failure.toString());
                }
            });
        }
        if (!again.isEmpty()) {
            log.info("subscribing again to {} room channel(s) whose shard changed", again.size());
        }
    }
}
