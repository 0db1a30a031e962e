package io.rooms.cluster.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> commands;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final ExecutorService flusher;

    Pipeline(StatefulRedisConnection<String, String> connection, String node) {
        this.connection = connection;
        this.commands = connection.async();
        this.flusher = Executors.newSingleThreadExecutor(RedisCluster.daemon("rooms-bus-flush-" + node));
        connection.setAutoFlushCommands(false);
    }

    /** Issues one command; it is written with the others issued before the next flush. */
    <T> CompletionStage<T> send(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
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
