package io.rooms.cluster.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A node's command connection, written in batches: Lettuce's automatic flush is off, and a command
 * asks for a flush that runs on this pipeline's own thread as soon as it is free, so that every
 * command issued meanwhile (the publishes of many rooms' messages, under load) goes out in one write
 * and its replies come back together. Commands keep the order they were issued in. Thread-safe.
 */
final class Pipeline implements AutoCloseable {
    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> commands;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final ExecutorService flusher;

    /** @param commands the connection's commands: one Redis's, or a Redis Cluster's (routed by each key's slot) */
    Pipeline(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands,
            String node) {
        this.connection = connection;
        this.commands = commands;
        this.flusher = Executors.newSingleThreadExecutor(RedisCluster.daemon("rooms-bus-flush-" + node));
        connection.setAutoFlushCommands(false);
    }

    /** Issues one command; it is written with the others issued before the next flush. */
    <T> CompletionStage<T> send(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        RedisFuture<T> future = command.apply(commands);
        if (flushPending.compareAndSet(false, true)) {
            flusher.execute(this::flush);
        }
        return future;
    }

    private void flush() {
        flushPending.set(false); // a command issued from here on asks for a flush of its own
        connection.flushCommands();
    }

    @Override
    public void close() {
        flusher.shutdown();
    }
}
