package io.rooms.cluster.redis;

import io.lettuce.core.ScriptOutputType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs the scripts that work on one room ({@code room.lua} and the one named): on the room's keys,
 * with the arguments every one of them reads first (the history kept, the resume window, whether the
 * room's channel is a shard channel, the channel, and the room), then its own.
 *
 * <p>On a Redis Cluster, a room's scripts run one at a time, each sent once the one before it has its
 * reply: while the room's slot moves to another shard, Lettuce follows each redirection by itself,
 * and a script sent after another could overtake it there, putting one sender's messages out of
 * order. On one Redis, one connection keeps them in order, and they are pipelined. Thread-safe.
 */
final class RoomScripts {
    private final Pipeline redis;
    private final Keys keys;
    private final String history;
    private final String window;
    private static final long RETRY_MILLIS = 20;

    /** The script argument saying whether the room's channel is a shard channel. */
    private final String sharded;
    /** On a Redis Cluster: a room's scripts run one at a time. */
    private final boolean oneAtATime;
    private final long retryNanos;
    /** On a Redis Cluster: each room's last script, the next one waits for. */
    private final java.util.concurrent.ConcurrentMap<String, CompletableFuture<?>> tails =
            new java.util.concurrent.ConcurrentHashMap<>();

    RoomScripts(Pipeline redis, Keys keys, RedisClusterSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.history = Integer.toString(settings.resume().historySize());
        this.window = Long.toString(Math.max(1, settings.resume().window().toMillis()));
        this.oneAtATime = settings.isRedisCluster();
        this.sharded = oneAtATime ? "1" : "0";
        this.retryNanos = settings.commandTimeout().toNanos();
    }

    <T> CompletionStage<T> run(Script script, ScriptOutputType type, String room, String... args) {
        return inOrder(room, () -> script.run(redis, type, keys.room(room), withCommon(room, args)));
    }

    /** As {@link #run}, declaring also the set of refs that {@code session} had accepted in the room. */
    <T> CompletionStage<T> runWithRefs(Script script, ScriptOutputType type, String room, String session,
            String... args) {
        return inOrder(room, () -> script.run(redis, type, keys.roomWithRefs(room, session), withCommon(room, args)));
    }

    private <T> CompletionStage<T> inOrder(String room, Supplier<CompletionStage<T>> call) {
        if (!oneAtATime) {
            return call.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> previous = tails.put(room, result);
        Runnable start = () -> attempt(call, result, System.nanoTime() + retryNanos, () -> tails.remove(room, result));
        if (previous == null) {
            start.run();
        } else {
            previous.whenComplete((value, failure) -> start.run());
        }
        return result;
    }

    /**
     * One attempt; while the room's slot is between two shards (its keys half moved), Redis refuses a
     * script on several of them with TRYAGAIN, certainly undone: it is tried again every
     * {@value #RETRY_MILLIS} ms until the command time-out has passed.
     */
    private <T> void attempt(Supplier<CompletionStage<T>> call, CompletableFuture<T> result, long deadline,
            Runnable done) {
        call.get().whenComplete((value, failure) -> {
            if (failure != null && isTryAgain(failure) && System.nanoTime() < deadline) {
                CompletableFuture.delayedExecutor(RETRY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(call, result, deadline, done));
                return;
            }
            done.run();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
    }

    private static boolean isTryAgain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof io.lettuce.core.RedisCommandExecutionException && cause.getMessage() != null
                    && cause.getMessage().startsWith("TRYAGAIN")) {
                return true;
            }
        }
        return false;
    }

    private String[] withCommon(String room, String[] args) {
        String[] all = new String[args.length + 5];
        all[0] = history;
        all[1] = window;
        all[2] = sharded;
        all[3] = keys.roomChannel(room);
        all[4] = room;
        System.arraycopy(args, 0, all, 5, args.length);
        return all;
    }
}
