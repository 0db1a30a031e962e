package io.rooms;

import io.rooms.spi.BusEvent;
import io.rooms.spi.BusUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does when the bus fails: counts it, logs the first failure of an outage once, and,
 * when the operation certainly did not run, does the operation's part for this node's own members
 * here, so that they are served while the other nodes are away. Thread-safe.
 */
final class Outage {
    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    private final Counters stats;
    private final AtomicBoolean degraded = new AtomicBoolean();
    private volatile Consumer<BusEvent> local = event -> { };

    Outage(Counters stats) {
        this.stats = stats;
    }

    /** Where an undone operation's local part is delivered: the node's own listener. */
    void deliverLocallyTo(Consumer<BusEvent> value) {
        this.local = value;
    }

    /** A bus operation failed; when it certainly did not run, {@code localPart} is delivered here. */
    void failed(String what, Throwable failure, BusEvent localPart) {
        unreachable(what, failure);
        if (localPart != null && notDone(failure)) {
            local.accept(localPart);
        }
    }

    void unreachable(String what, Throwable failure) {
        stats.clusterFailures.increment();
        if (degraded.compareAndSet(false, true)) {
            log.warn("cluster unreachable ({} failed: {}); serving this node's members alone until it is back",
                    what, Causes.describe(failure));
        }
    }

    /** The bus has this node's members again. */
    void over() {
        if (degraded.compareAndSet(true, false)) {
            log.info("cluster reachable again: rooms are shared across nodes again");
        }
    }

    /**
     * Whether a failed operation was certainly not carried out, so that this node must do its local
     * part itself. A time-out may still be carried out: doing it here too would deliver twice.
     */
    static boolean notDone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BusUnavailableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
