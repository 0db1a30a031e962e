package io.rooms.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client of a Rooms server on the JDK's WebSocket: rooms on one connection ({@link #room}), messages
 * kept until acknowledged and sent again after a reconnect, each room resumed from the last number it
 * saw, and a ping that finds a dead path. Reconnects by itself with a {@link Backoff}; stops for good
 * on a close the server means (1008 policy, 1009 too large, 4003 disconnected), on a refused
 * handshake (401), or on {@link #close()}.
 *
 * <p>Threading: every method is thread-safe and returns at once. Handlers and listeners run on the
 * callback executor (by default one thread of the client's own), one at a time, in the order the
 * frames came; a handler that blocks holds up the others, never the socket.
 */
public final class RoomsClient implements AutoCloseable {

    private final RoomsClientBuilder settings;
    private final Executor callbacks;
    final Inbound inbound = new Inbound(this);
    private final Connector connector;
    private final List<Consumer<Status>> statusListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RoomsClient> firstConnect = new CompletableFuture<>();
    // Guarded by this:
    final Map<String, Room> rooms = new LinkedHashMap<>();
    final Retained retained;
    private Status status = Status.CONNECTING;
    private CloseReason closeReason;
    private long refs;
    String memberId;

    RoomsClient(RoomsClientBuilder settings) {
        this.settings = settings;
        this.retained = new Retained(settings.keepLimit);
        this.connector = new Connector(this, settings);
        this.callbacks = settings.callbacks != null ? settings.callbacks
                : Executors.newSingleThreadExecutor(Connector.daemon("rooms-client-callbacks"));
    }

    public static RoomsClientBuilder builder(URI uri) {
        return new RoomsClientBuilder(uri);
    }

    /** Starts connecting; completes once the first connection is open, or fails if the client stops first. */
    public CompletableFuture<RoomsClient> connect() {
        synchronized (this) {
            connector.start();
        }
        return firstConnect.copy();
    }

    /** The room's handle, joining it now if connected (or at the next connection). One handle per room. */
    public synchronized Room room(String name) {
        Room room = rooms.computeIfAbsent(name, n -> new Room(this, n));
        if (connector.isOpen() && !room.joined) {
            sendJoin(room);
        }
        return room;
    }

    public synchronized Status status() {
        return status;
    }

    /** Why the client stopped, once {@link Status#CLOSED}; null before. */
    public synchronized CloseReason closeReason() {
        return closeReason;
    }

    /** The id the server gave this client (the same in every room); null before the first join. */
    public synchronized String id() {
        return memberId;
    }

    /** Calls {@code listener} with each new status, on the callback executor. */
    public RoomsClient onStatus(Consumer<Status> listener) {
        statusListeners.add(listener);
        return this;
    }

    /** Stops for good: the socket closes with 1000 and the messages not yet acknowledged are given up. */
    @Override
    public void close() {
        stop(CloseReason.CLOSED_BY_CLIENT);
    }

    // ---- sending

    CompletableFuture<JsonNode> sendRetained(Room room, String action, Object data, String to) {
        CompletableFuture<JsonNode> acked = new CompletableFuture<>();
        Retained.Entry dropped;
        synchronized (this) {
            if (status == Status.CLOSED || room.left) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        status == Status.CLOSED ? "the client is closed" : "room " + room.name() + " was left"));
            }
            String ref = "r" + (++refs);
            ObjectNode frame = Frames.message(action, room.name(), data).put("ref", ref);
            if (to != null) {
                frame.put("to", to);
            }
            dropped = retained.add(ref, new Retained.Entry(room.name(), frame, acked));
            if (connector.isOpen() && room.joined) {
                connector.send(frame.toString());
            }
        }
        if (dropped != null) {
            Retained.fail(List.of(dropped), "given up: more than " + settings.keepLimit
                    + " messages waited for their acknowledgement");
        }
        return acked.copy().orTimeout(settings.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized boolean sendVolatile(Room room, String action, Object data) {
        if (!connector.isOpen() || !room.joined) {
            return false;
        }
        return connector.sendIfNow(Frames.message(action, room.name(), data).toString());
    }

    synchronized void setPresence(Room room, Object meta) {
        room.presence = meta == null ? null : Frames.JSON.valueToTree(meta);
        if (connector.isOpen() && room.joined) {
            sendPresence(room);
        }
    }

    synchronized void sendPresence(Room room) {
        connector.send(Frames.presence(room.name(), room.presence).toString());
    }

    void leave(Room room) {
        List<Retained.Entry> dropped;
        synchronized (this) {
            if (room.left) {
                return;
            }
            if (connector.isOpen() && room.joined) {
                connector.send(Frames.frame("leave", room.name()).toString());
            }
            dropped = forget(room);
        }
        Retained.fail(dropped, "room " + room.name() + " was left");
    }

    /**
     * Takes the room off this client (left, refused, removed): it is not joined again, and its kept
     * messages are given up, returned for the caller to fail outside this monitor. The caller holds it.
     */
    List<Retained.Entry> forget(Room room) {
        room.left = true;
        room.joined = false;
        rooms.remove(room.name());
        return retained.drop(room.name());
    }

    /** A join of {@code room}, resuming its session from the last number it saw when it has one. */
    synchronized void sendJoin(Room room) {
        connector.send(Frames.join(room.name(), room.session, room.seq).toString());
    }

    /** Sends the frame on the open socket, if any. */
    synchronized void sendNow(ObjectNode frame) {
        connector.send(frame.toString());
    }

    void callback(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the client closed: nothing more is handed to its handlers
        }
    }

    // ---- the connection (the Connector calls these holding this monitor)

    void connected() {
        setStatus(Status.CONNECTED);
        for (Room room : rooms.values()) {
            sendJoin(room);
        }
        callback(() -> firstConnect.complete(this));
    }

    void reconnecting() {
        rooms.values().forEach(room -> room.joined = false);
        setStatus(Status.RECONNECTING);
    }

    void offline() {
        setStatus(Status.OFFLINE);
    }

    boolean isCurrent(Socket candidate) {
        return connector.isCurrent(candidate);
    }

    void heard(Socket from) {
        connector.heard(from);
    }

    void ended(Socket ended, int code, String reason) {
        connector.ended(ended, code, reason);
    }

    void stop(CloseReason reason) {
        synchronized (this) {
            stopLocked(reason);
        }
    }

    void stopLocked(CloseReason reason) {
        if (status == Status.CLOSED) {
            return;
        }
        closeReason = reason;
        setStatus(Status.CLOSED);
        rooms.values().forEach(room -> room.joined = false);
        connector.stop();
        Retained.fail(retained.clear(), "the client closed: " + reason.reason());
        List<Room> all = new ArrayList<>(rooms.values());
        all.forEach(room -> room.refused("closed", reason.reason()));
        firstConnect.completeExceptionally(new IllegalStateException("the client closed: " + reason.reason()));
        if (settings.callbacks == null) {
            ((java.util.concurrent.ExecutorService) callbacks).shutdown(); // after the callbacks already queued
        }
    }

    private void setStatus(Status value) {
        if (status == value) {
            return;
        }
        status = value;
        callback(() -> statusListeners.forEach(listener -> listener.accept(value)));
    }
}
