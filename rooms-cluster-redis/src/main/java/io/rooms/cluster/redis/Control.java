package io.rooms.cluster.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.spi.BusUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Requests every node answers: "disconnect this user". The request goes out on the control channel,
 * which every node subscribes to, and Redis says how many nodes got it; each answers on the asker's
 * node channel with how many sockets it closed, and the asker adds the answers up. Answers that have
 * not come within the command time-out are left out of the count. Thread-safe.
 */
final class Control {
    private static final ObjectMapper JSON = Envelope.JSON;

    private final Pipeline redis;
    private final Keys keys;
    private final boolean clustered;
    private final String node;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final AtomicLong requests = new AtomicLong();
    private final ConcurrentMap<String, Tally> pending = new ConcurrentHashMap<>();

    /**
     * @param clustered on a Redis Cluster, where PUBLISH counts only the receivers on the shard it
     *     ran on: the answers expected are then one per node with a heartbeat on record
     */
    Control(Pipeline redis, Keys keys, boolean clustered, String node, Duration timeout, ScheduledExecutorService timer) {
        this.redis = redis;
        this.keys = keys;
        this.clustered = clustered;
        this.node = node;
        this.timeout = timeout;
        this.timer = timer;
    }

    String channel() {
        return keys.controlChannel();
    }

    CompletionStage<Integer> disconnectUser(String user) {
        String id = node + ":" + requests.incrementAndGet();
        Tally tally = new Tally();
        pending.put(id, tally);
        String request = json(Map.of("k", "U", "u", user, "q", id, "n", node));
        CompletionStage<Long> published = redis.send(commands -> commands.publish(channel(), request));
        if (clustered) {
            published = published.thenCompose(ignored -> redis.send(commands -> commands.zcard(keys.beats())));
        }
        published.whenComplete((receivers, failure) -> {
            if (failure != null) {
                tally.future.completeExceptionally(new BusUnavailableException("could not reach the other nodes", failure));
            } else {
                tally.expect(receivers);
            }
        });
        timer.schedule(tally::timeOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return tally.future.whenComplete((count, failure) -> pending.remove(id));
    }

    /** A control message: a request is carried out by {@code local} and answered; an answer is counted. */
    void on(Envelope message, ToIntFunction<String> local) {
        if ("U".equals(message.k())) {
            int closed = local.applyAsInt(message.required(message.u()));
            String answer = json(Map.of("k", "C", "q", message.required(message.q()), "c", Integer.toString(closed)));
            redis.send(commands -> commands.publish(keys.nodeChannel(message.required(message.n())), answer));
        } else {
            Tally tally = pending.get(message.required(message.q()));
            if (tally != null) {
                tally.answered(Integer.parseInt(message.required(message.c())));
            }
        }
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** The answers to one request. */
    private static final class Tally {
        final CompletableFuture<Integer> future = new CompletableFuture<>();
        private long expected = -1;
        private long answers;
        private int sum;

        synchronized void expect(long nodes) {
            expected = nodes;
            settle();
        }

        synchronized void answered(int closed) {
            answers++;
            sum += closed;
            settle();
        }

        synchronized void timeOut() {
            future.complete(sum);
        }

        private void settle() {
            if (expected >= 0 && answers >= expected) {
                future.complete(sum);
            }
        }
    }
}
