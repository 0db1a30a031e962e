package io.rooms;

import io.rooms.spi.CloseCode;
import io.rooms.spi.Connection;
import io.rooms.spi.Identity;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's connected clients by id: it opens them, drops them, hands a resumed member's id to
 * the client that resumes it and closes the connection that held it before. A client is removed
 * only once it has left its room. Thread-safe.
 */
final class ClientRegistry {
    private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);

    private final ConcurrentMap<String, Client> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final String idPrefix;
    private final Names names;
    private final ClientFactory factory;
    private final Leaving leaving;
    private final io.rooms.spi.Scheduler scheduler;

    /** Makes a client for a connection, with its id and name given. */
    interface ClientFactory {
        Client create(String id, Connection connection, Identity identity, String name, String color);
    }

    ClientRegistry(String nodeId, Names names, ClientFactory factory, Leaving leaving, io.rooms.spi.Scheduler scheduler) {
        this.idPrefix = nodeId + "-";
        this.names = names;
        this.factory = factory;
        this.leaving = leaving;
        this.scheduler = scheduler;
    }

    /** A new client for {@code connection}; {@code stopping}: closed at once with 1001, and not kept. */
    Client open(Connection connection, Identity identity, boolean stopping) {
        String id = idPrefix + Long.toString(nextId.incrementAndGet(), 36);
        String name = identity.name() != null ? identity.name() : names.name();
        Client client = factory.create(id, connection, identity, name, names.color());
        if (stopping) {
            client.markGone();
            connection.close(CloseCode.GOING_AWAY, "server shutting down");
        } else {
            byId.put(id, client);
        }
        return client;
    }

    int count() {
        return byId.size();
    }

    Collection<Client> all() {
        return byId.values();
    }

    Client find(String id) {
        return byId.get(id);
    }

    /** Removes the client from its room and from this node; idempotent. */
    void disconnect(Client client) {
        synchronized (client.leaving) {
            if (!client.markGone()) {
                return;
            }
            Watchdog.joined(client);
            AccessControl.forget(client);
            leaving.disconnected(client);
            // Only now: until it has left, a resume of its session must find it here and wait for it.
            byId.remove(client.id, client);
        }
    }

    /** Closes the client's socket with {@code code} and removes it at once. */
    void drop(Client client, int code, String reason) {
        if (client.isGone()) {
            return;
        }
        client.connection.close(code, reason);
        disconnect(client);
    }

    /** Its write failed: the client is dropped with 1011. */
    void sendFailed(Client client, Throwable failure) {
        if (!client.isGone()) {
            log.debug("send to client {} failed: {}", client.id, failure.toString());
            drop(client, CloseCode.INTERNAL_ERROR, "send failed");
        }
    }

    /**
     * A resumed session's connection is still here (its loss not noticed yet): it is closed, so that
     * the client resuming it takes its place. False when no connection of this node has that id.
     */
    boolean takeOver(String memberId) {
        Client old = byId.get(memberId);
        if (old == null) {
            return false;
        }
        drop(old, CloseCode.GOING_AWAY, "session resumed on another connection");
        synchronized (old.leaving) {
            // Its loss may have been seen on another thread just now: wait until it has left the room,
            // so that the member coming back under its id never meets it there.
            return true;
        }
    }

    /** Whether a connection of this node has member id {@code memberId}. */
    boolean isLocal(String memberId) {
        return byId.containsKey(memberId);
    }

    /** Gives {@code client} the id of the member it resumes. */
    void rename(Client client, String id) {
        byId.remove(client.id, client);
        client.id = id;
        byId.put(id, client);
    }

    /** Closes this node's sockets of {@code user} with 4003; returns how many. */
    int disconnectUser(String user) {
        int closed = 0;
        for (Client client : byId.values()) {
            if (user.equals(client.identity.user()) && !client.isGone()) {
                drop(client, CloseCode.DISCONNECTED, "disconnected by the server");
                closed++;
            }
        }
        return closed;
    }

    /**
     * Closes every client with 1001, one after another, spread evenly over {@code period}; completes
     * once the last is closed.
     */
    CompletableFuture<Void> drain(Duration period) {
        List<Client> all = List.copyOf(byId.values());
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (all.isEmpty()) {
            done.complete(null);
            return done;
        }
        long step = period.toNanos() / all.size();
        AtomicInteger remaining = new AtomicInteger(all.size());
        for (int i = 0; i < all.size(); i++) {
            Client client = all.get(i);
            scheduler.schedule(step * i, () -> {
                try {
                    drop(client, CloseCode.GOING_AWAY, "server shutting down");
                } finally {
                    if (remaining.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                }
            });
        }
        return done;
    }

    /** Closes every client with 1001 at once. */
    void closeAll() {
        for (Client client : byId.values()) {
            drop(client, CloseCode.GOING_AWAY, "server shutting down");
        }
    }
}
