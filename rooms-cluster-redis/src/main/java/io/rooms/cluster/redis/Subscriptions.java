package io.rooms.cluster.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's pub/sub channels: the rooms it has members in and its own node channel. Remembers
 * them, so that after a reconnect it subscribes to every one again. Thread-safe.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Set<String> channels = new HashSet<>();

    /** @param messages gets each message's text, on Lettuce's thread */
    Subscriptions(StatefulRedisPubSubConnection<String, String> pubsub, Consumer<String> messages) {
        this.pubsub = pubsub;
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                messages.accept(message);
            }
        });
    }

    CompletionStage<Void> subscribe(String channel) {
        synchronized (channels) {
            channels.add(channel);
            return pubsub.async().subscribe(channel).thenApply(done -> null);
        }
    }

    void unsubscribe(String channel) {
        synchronized (channels) {
            channels.remove(channel);
            pubsub.async().unsubscribe(channel);
        }
    }

    /** After a reconnect: Lettuce subscribes again on its own; doing it here too makes sure of it. */
    void subscribeAgain() {
        String[] all;
        synchronized (channels) {
            all = channels.toArray(String[]::new);
        }
        pubsub.async().subscribe(all).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("could not subscribe again after reconnecting: {}", failure.toString());
            } else {
                log.info("subscribed again to {} channel(s)", all.length);
            }
        });
    }
}
