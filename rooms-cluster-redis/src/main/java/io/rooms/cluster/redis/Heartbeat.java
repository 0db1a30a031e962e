package io.rooms.cluster.redis;

import io.lettuce.core.ScriptOutputType;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's liveness in the cluster: each beat refreshes its key (with a TTL of the node time-out)
 * and reaps nodes whose key expired. The node registers its members again whenever it may have been
 * removed: when a beat finds it missing from the live nodes, and when a beat gets through after one
 * that failed, since a Redis that stalled past the command time-out may have run another node's
 * late reap of this one, and then this node's late beat, after both replies were given up on.
 *
 * <p>After its own beats failed, a node reaps no one until a node time-out has passed since its
 * beats got through again: an outage this node saw (Redis restarting, a Sentinel failover) was most
 * likely seen by every node, whose keys expired meanwhile, and each needs a beat of its own to say it
 * is alive. Reaping them at once would remove live members and announce them as left, only for their
 * nodes to register them again a heartbeat later. A node that really died is reaped a time-out later.
 * Thread-safe.
 */
final class Heartbeat {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private static final Script BEAT = Script.liveness("beat");

    private final Pipeline redis;
    private final Keys keys;
    private final Reaper reaper;
    private final String node;
    private final String ttlMillis;
    private final Runnable registerAgain;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final LongSupplier nanoTime;
    private final long graceNanos;
    /** No reaping before this (nanoTime): set when beats get through after failing. */
    private volatile long reapNotBefore;

    Heartbeat(Pipeline redis, Keys keys, Reaper reaper, RedisClusterSettings settings, String node,
            Runnable registerAgain, LongSupplier nanoTime) {
        this.redis = redis;
        this.keys = keys;
        this.reaper = reaper;
        this.node = node;
        this.ttlMillis = Long.toString(settings.nodeTimeout().toMillis());
        this.registerAgain = registerAgain;
        this.nanoTime = nanoTime;
        this.graceNanos = settings.nodeTimeout().toNanos();
        this.reapNotBefore = nanoTime.getAsLong();
    }

    /**
     * Says this node is alive; completes with 1 when it was missing from the live nodes, 2 while a
     * survivor is still removing its members (taken for dead; it is marked alive once that is done).
     */
    CompletionStage<Long> beat() {
        return BEAT.run(redis, ScriptOutputType.INTEGER, keys.nodes(), node, ttlMillis);
    }

    /** One tick: beat, and reap the dead. */
    void tick() {
        beat().whenComplete((added, failure) -> {
            if (failure != null) {
                if (lost.compareAndSet(false, true)) {
                    log.warn("a heartbeat to Redis failed ({}); this node will register its members again once"
                            + " one gets through", failure.toString());
                }
            } else if (added == 2L) {
                if (lost.compareAndSet(false, true)) {
                    log.warn("this node was taken for dead and its members are being removed; it will register"
                            + " them again once that is done");
                }
                // A survivor's reap that ran late (after a stall) may have no one left to finish it: the
                // node finishes its own removal, so that its next beat registers its members again.
                if (finishing.compareAndSet(false, true)) {
                    reaper.remove(node).whenComplete((removed, error) -> finishing.set(false));
                }
            } else if (added == 1L) {
                lost.set(false);
                log.warn("this node was missing from the cluster's live nodes (taken for dead, or Redis lost"
                        + " its data); registering its members again");
                registerAgain.run();
            } else if (lost.compareAndSet(true, false)) {
                reapNotBefore = nanoTime.getAsLong() + graceNanos;
                log.info("heartbeats reach Redis again; registering this node's members again in case they were"
                        + " removed meanwhile");
                registerAgain.run();
            }
        });
        if (lost.get() || nanoTime.getAsLong() - reapNotBefore < 0) {
            return; // the others may not have had a beat through since the outage: see the class comment
        }
        reaper.reapDead(node).whenComplete((removed, failure) -> {
            if (failure == null && removed > 0) {
                log.info("removed {} member(s) of dead node(s) from the cluster", removed);
            }
        });
    }
}
