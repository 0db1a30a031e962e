package io.rooms.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
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
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> TERMINAL = Set.of(1008, 1009, 4003);
    private static final int TOKEN_EXPIRED = 4001;

    private final RoomsClientBuilder settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer;
    private final Executor callbacks;
    private final Inbound inbound = new Inbound(this);
    private final List<Consumer<Status>> statusListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RoomsClient> firstConnect = new CompletableFuture<>();
    // Guarded by this:
    final Map<String, Room> rooms = new LinkedHashMap<>();
    final Retained retained;
    private Status status = Status.CONNECTING;
    private CloseReason closeReason;
    private Socket socket;
    private int attempt;
    private long refs;
    private long lastFrameNanos;
    String memberId;

    RoomsClient(RoomsClientBuilder settings) {
        this.settings = settings;
        this.retained = new Retained(settings.keepLimit);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("rooms-client-timer"));
        this.callbacks = settings.callbacks != null ? settings.callbacks
                : Executors.newSingleThreadExecutor(daemon("rooms-client-callbacks"));
    }

    public static RoomsClientBuilder builder(URI uri) {
        return new RoomsClientBuilder(uri);
    }

    /** Starts connecting; completes once the first connection is open, or fails if the client stops first. */
    public CompletableFuture<RoomsClient> connect() {
        attemptNow();
        long period = settings.pingInterval.toMillis();
        timer.scheduleAtFixedRate(this::pingIfQuiet, period, period, TimeUnit.MILLISECONDS);
        return firstConnect.copy();
    }

    /** The room's handle, joining it now if connected (or at the next connection). One handle per room. */
    public synchronized Room room(String name) {
        Room room = rooms.computeIfAbsent(name, n -> new Room(this, n));
        if (socket != null && !room.joined) {
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
            ObjectNode frame = frame(action, room.name()).put("ref", ref);
            frame.set("data", JSON.valueToTree(data));
            if (to != null) {
                frame.put("to", to);
            }
            dropped = retained.add(ref, new Retained.Entry(room.name(), frame, acked));
            if (socket != null && room.joined) {
                socket.send(frame.toString());
            }
        }
        if (dropped != null) {
            dropped.acked().completeExceptionally(new IllegalStateException(
                    "given up: more than " + settings.keepLimit + " messages waited for their acknowledgement"));
        }
        return acked.copy().orTimeout(settings.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized boolean sendVolatile(Room room, String action, Object data) {
        if (socket == null || !room.joined) {
            return false;
        }
        ObjectNode frame = frame(action, room.name());
        frame.set("data", JSON.valueToTree(data));
        socket.send(frame.toString());
        return true;
    }

    synchronized void setPresence(Room room, Object meta) {
        room.presence = meta == null ? null : JSON.valueToTree(meta);
        if (socket != null && room.joined) {
            sendPresence(room);
        }
    }

    synchronized void sendPresence(Room room) {
        ObjectNode frame = frame("presence", room.name());
        frame.set("data", room.presence == null ? JSON.nullNode() : room.presence);
        socket.send(frame.toString());
    }

    synchronized List<Member> members(Room room) {
        return List.copyOf(room.members);
    }

    synchronized boolean recovered(Room room) {
        return room.recovered;
    }

    void leave(Room room) {
        List<Retained.Entry> dropped;
        synchronized (this) {
            if (room.left) {
                return;
            }
            room.left = true;
            rooms.remove(room.name());
            dropped = retained.drop(room.name());
            if (socket != null && room.joined) {
                socket.send(frame("leave", room.name()).toString());
            }
            room.joined = false;
        }
        dropped.forEach(entry -> entry.acked().completeExceptionally(new IllegalStateException("room " + room.name() + " was left")));
    }

    /** A join of {@code room}, resuming its session from the last number it saw when it has one. */
    synchronized void sendJoin(Room room) {
        ObjectNode frame = frame("join", room.name());
        if (room.session != null) {
            frame.putObject("resume").put("session", room.session).put("seq", room.seq);
        }
        socket.send(frame.toString());
    }

    /** Sends the frame on the open socket, if any. */
    synchronized void sendNow(ObjectNode frame) {
        if (socket != null) {
            socket.send(frame.toString());
        }
    }

    static ObjectNode frame(String action, String room) {
        ObjectNode frame = JSON.createObjectNode().put("action", action);
        if (room != null) {
            frame.put("room", room);
        }
        return frame;
    }

    void callback(Runnable task) {
        try {
            callbacks.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the client closed: nothing more is handed to its handlers
        }
    }

    // ---- the connection

    private void attemptNow() {
        URI target;
        try {
            target = withToken(settings.uri, settings.token == null ? null : settings.token.get());
        } catch (RuntimeException e) {
            stop(new CloseReason(4001, "no token: " + e.getMessage()));
            return;
        }
        Socket.open(http, target, settings.connectTimeout, inbound).whenComplete(this::opened);
    }

    private void opened(Socket opened, Throwable failure) {
        synchronized (this) {
            if (status == Status.CLOSED) {
                if (opened != null) {
                    opened.close(1000, "closed by the client");
                }
                return;
            }
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof WebSocketHandshakeException refused && refused.getResponse().statusCode() == 401) {
                    stopLocked(new CloseReason(401, "the server refused the token"));
                    return;
                }
                setStatus(Status.OFFLINE);
                retryLater();
                return;
            }
            socket = opened;
            attempt = 0;
            lastFrameNanos = System.nanoTime();
            setStatus(Status.CONNECTED);
            for (Room room : rooms.values()) {
                sendJoin(room);
            }
        }
        firstConnect.complete(this);
    }

    /** The socket ended, with a close frame's code or 1006. */
    void ended(Socket ended, int code, String reason) {
        synchronized (this) {
            if (ended != socket || status == Status.CLOSED) {
                return;
            }
            socket = null;
            rooms.values().forEach(room -> room.joined = false);
            if (TERMINAL.contains(code)) {
                stopLocked(new CloseReason(code, reason));
                return;
            }
            setStatus(Status.RECONNECTING);
            if (code == TOKEN_EXPIRED) {
                attempt = 0;
                timer.execute(this::attemptNow); // a new token, at once
                return;
            }
            retryLater();
        }
    }

    private void retryLater() {
        Duration delay = settings.backoff.delay(attempt++, ThreadLocalRandom.current()::nextDouble);
        timer.schedule(this::attemptNow, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void heard(Socket from) {
        if (from == socket) {
            lastFrameNanos = System.nanoTime();
        }
    }

    synchronized boolean isCurrent(Socket candidate) {
        return candidate == socket;
    }

    /** After a quiet ping interval, a ping; no frame within the pong time-out: the path is dead. */
    private void pingIfQuiet() {
        Socket pinged;
        long sentAt = System.nanoTime();
        synchronized (this) {
            if (socket == null || sentAt - lastFrameNanos < settings.pingInterval.toNanos()) {
                return;
            }
            pinged = socket;
            pinged.send(frame("ping", null).toString());
        }
        timer.schedule(() -> {
            boolean dead;
            synchronized (this) {
                dead = pinged == socket && lastFrameNanos - sentAt < 0;
            }
            if (dead) {
                pinged.abort();
                ended(pinged, 1006, "no pong");
            }
        }, settings.pongTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stop(CloseReason reason) {
        synchronized (this) {
            stopLocked(reason);
        }
    }

    private void stopLocked(CloseReason reason) {
        if (status == Status.CLOSED) {
            return;
        }
        closeReason = reason;
        setStatus(Status.CLOSED);
        if (socket != null) {
            socket.close(1000, "closed by the client");
            socket = null;
        }
        List<Retained.Entry> given = retained.clear();
        IllegalStateException why = new IllegalStateException("the client closed: " + reason.reason());
        given.forEach(entry -> entry.acked().completeExceptionally(why));
        List<Room> all = new ArrayList<>(rooms.values());
        all.forEach(room -> room.refused("closed", reason.reason()));
        firstConnect.completeExceptionally(why);
        timer.shutdown();
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

    private static URI withToken(URI uri, String token) {
        if (token == null) {
            return uri;
        }
        try {
            String query = (uri.getQuery() == null ? "" : uri.getQuery() + "&") + "token=" + token;
            return new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), query, uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot add a token to " + uri, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
