package io.rooms.cluster.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.rooms.spi.BusUnavailableException;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script of this module, run by its SHA and sent whole only when Redis does not know it: at
 * first use, and after Redis restarted. Every key it touches is declared, so that a Redis Cluster
 * routes it to the shard of its slot. Immutable.
 */
final class Script {
    private static final String ROOM = resource("room");
    private static final String LIVENESS = resource("liveness");
    /** Every script made so far (all are static fields of this module's classes), for {@link #loadAll}. */
    private static final java.util.List<Script> ALL = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final String name;
    private final String text;
    private final String sha;

    private Script(String name, String text) {
        this.name = name;
        this.text = text;
        this.sha = sha1(text);
        ALL.add(this);
    }

    /**
     * Loads every script into one Redis's cache before use (at connect, and after a reconnect): a
     * script run by SHA that Redis does not know is sent again whole, and a later command could run
     * before that second send, putting two messages of one sender out of order. (On a Redis Cluster a
     * room's scripts run one at a time, so none can overtake.)
     */
    static CompletionStage<Void> loadAll(Pipeline redis) {
        CompletableFuture<?>[] loads = ALL.stream()
                .map(script -> redis.<String>send(c -> c.scriptLoad(script.text)).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(loads);
    }

    /** A script on one room's keys, with {@code room.lua} in front ({@link RoomScripts} runs it). */
    static Script room(String name) {
        return new Script(name, ROOM + "\n" + resource(name));
    }

    /** A script on the nodes' liveness keys, with {@code liveness.lua} (Redis's clock, the silence rule) in front. */
    static Script liveness(String name) {
        return new Script(name, LIVENESS + "\n" + resource(name));
    }

    /** A script on the keys it is given, alone. */
    static Script named(String name) {
        return new Script(name, resource(name));
    }

    /** Runs the script on {@code keys} (all in one hash slot) with {@code args}. */
    <T> CompletionStage<T> run(Pipeline redis, ScriptOutputType type, String[] keys, String... args) {
        CompletableFuture<T> bySha = redis.<T>send(c -> c.evalsha(sha, type, keys, args)).toCompletableFuture();
        return bySha.handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (unwrap(failure) instanceof RedisNoScriptException) {
                return redis.<T>send(c -> c.eval(text, type, keys, args)).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(failure);
        }).thenCompose(stage -> stage).exceptionallyCompose(failure -> CompletableFuture.failedFuture(classify(failure)));
    }

    /**
     * Marks a failure that certainly left the command undone as {@link BusUnavailableException}:
     * the command was rejected while disconnected (Lettuce's {@value #REJECTED}), or no connection
     * could be made. Anything else may have run and stays as it is: a time-out, a script error, and
     * a command already sent when its connection closed (Redis may have carried it out and its reply
     * been lost with the connection; treated as undone, its message was delivered a second time).
     */
    static Throwable classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        boolean undone = cause instanceof RedisConnectionException
                || cause instanceof RedisException && cause.getMessage() != null
                        && cause.getMessage().startsWith(REJECTED);
        if (cause instanceof RedisCommandTimeoutException || cause instanceof RedisCommandExecutionException
                || !undone) {
            return cause;
        }
        return new BusUnavailableException("Redis unreachable: " + cause.getMessage(), cause);
    }

    /** What Lettuce says of a command it rejected, unsent, because the connection was down. */
    static final String REJECTED = "Currently not connected";

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public String toString() {
        return name + ".lua";
    }

    private static String resource(String name) {
        try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
