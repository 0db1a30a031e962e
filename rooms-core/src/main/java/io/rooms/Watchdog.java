package io.rooms;

import io.rooms.spi.Scheduler;
import io.rooms.spi.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers that drop clients: the heartbeat pings every client each period and drops one silent
 * for two, and the join time-out closes a socket that joined no room in time. Thread-safe.
 *
 * <p>The heartbeat goes round in {@value #SLICES} steps per period, each taking the clients of one
 * slice (by id), so a period's pings leave spread over it: all at once, a thousand sockets' pings
 * and pongs held messages back each period (docs/performance.md, "Figures behind the code").
 */
final class Watchdog {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final int SLICES = 16;

    private final ClientRegistry clients;
    private final Scheduler scheduler;
    private final long pingNanos;
    private final long joinTimeoutNanos;
    private final long stepNanos;
    /** The slice the next step takes; touched by the heartbeat only, which runs one step at a time. */
    private int step = 1;
    private volatile boolean stopped;
    private volatile Scheduler.Cancellable heartbeat;

    Watchdog(ClientRegistry clients, Scheduler scheduler, EngineSettings settings) {
        this.scheduler = scheduler;
        this.clients = clients;
        this.pingNanos = settings.pingInterval().toNanos();
        this.joinTimeoutNanos = settings.joinTimeout().toNanos();
        this.stepNanos = Math.max(1, pingNanos / SLICES);
        this.heartbeat = scheduler.schedule(stepNanos, this::heartbeat);
    }

    /** Starts the new client's join time-out. */
    void watch(Client client) {
        client.joinTimeout = scheduler.schedule(joinTimeoutNanos, () -> joinTimedOut(client));
    }

    /** The client joined a room, or is gone: its join time-out is off. */
    static void joined(Client client) {
        Scheduler.Cancellable timeout = client.joinTimeout;
        if (timeout != null) {
            timeout.cancel();
            client.joinTimeout = null;
        }
    }

    private void joinTimedOut(Client client) {
        if (!client.joinedOnce && !client.isGone()) {
            log.info("client {} joined no room within {} ms; closing it", client.id, joinTimeoutNanos / 1_000_000);
            clients.drop(client, CloseCode.POLICY, "join timeout");
        }
    }

    private void heartbeat() {
        try {
            int slice = step;
            step = (step + 1) % SLICES;
            long now = scheduler.nanoTime();
            long limit = 2 * pingNanos;
            for (Client client : clients.all()) {
                if (Math.floorMod(client.id.hashCode(), SLICES) != slice) {
                    continue;
                }
                if (now - client.lastSeen >= limit) {
                    log.info("client {} answered no ping for {} ms; dropping it", client.id,
                            (now - client.lastSeen) / 1_000_000);
                    clients.drop(client, CloseCode.GOING_AWAY, "ping timeout");
                } else {
                    client.connection.ping().exceptionally(failure -> null);
                }
            }
        } catch (RuntimeException e) {
            log.error("heartbeat failed", e);
        } finally {
            if (!stopped) {
                heartbeat = scheduler.schedule(stepNanos, this::heartbeat);
            }
        }
    }

    void stop() {
        stopped = true;
        Scheduler.Cancellable beat = heartbeat;
        if (beat != null) {
            beat.cancel();
        }
    }
}
