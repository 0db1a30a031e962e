package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real WebSocket client (Jetty's) that records what it receives, with bounded waits for it.
 * It answers pings unless told not to, to play a client whose peer has gone silent.
 */
public final class WsProbe implements Session.Listener.AutoDemanding, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WebSocketClient CLIENT = startClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final boolean answerPings;
    private volatile Session session;
    private volatile Throwable error;
    private volatile long closedAtNanos;

    private WsProbe(boolean answerPings) {
        this.answerPings = answerPings;
    }

    private static WebSocketClient startClient() {
        WebSocketClient client = new WebSocketClient();
        client.setMaxTextMessageSize(64L * 1024 * 1024);
        client.setIdleTimeout(Duration.ofMinutes(5));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client;
    }

    static WsProbe connect(URI uri) {
        return connect(uri, true, null);
    }

    static WsProbe connect(URI uri, boolean answerPings, String origin) {
        WsProbe probe = new WsProbe(answerPings);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (origin != null) {
            request.setHeader("Origin", origin);
        }
        try {
            probe.session = CLIENT.connect(probe, uri, request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new HandshakeFailed(e);
        }
        return probe;
    }

    /** The handshake did not succeed; {@link #status()} is the server's HTTP answer. */
    static final class HandshakeFailed extends RuntimeException {
        HandshakeFailed(Throwable cause) {
            super(cause);
        }

        /** The HTTP status the server answered the handshake with, or -1. */
        int status() {
            for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof org.eclipse.jetty.websocket.api.exceptions.UpgradeException upgrade) {
                    return upgrade.getResponseStatusCode();
                }
            }
            return -1;
        }
    }

    /** Joins {@code room} and returns the {@code joined} frame. */
    JsonNode join(String room) {
        send("{\"action\":\"newClient\",\"room\":\"" + room + "\"}");
        return await("joined");
    }

    void send(String text) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Sends without waiting: for a frame the server is expected to cut off midway. */
    void sendAndForget(String text) {
        session.sendText(text, Callback.from(() -> { }, failure -> { }));
    }

    void sendBinary(byte[] bytes) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.sendBinary(ByteBuffer.wrap(bytes), Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Waits for the next frame with {@code action}, skipping (and keeping) others. */
    JsonNode await(String action) {
        return awaitAny(action);
    }

    /** Waits for the next frame with one of {@code actions}, skipping (and keeping) others. */
    JsonNode awaitAny(String... actions) {
        java.util.Set<String> wanted = java.util.Set.of(actions);
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (seen) {
            for (JsonNode node : seen) {
                if (wanted.contains(node.path("action").asText())) {
                    seen.remove(node);
                    return node;
                }
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode next;
            try {
                next = frames.poll(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50))), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (next == null && closed.isDone() && frames.isEmpty()) {
                throw new AssertionError("no " + wanted + ": the socket is closed; other frames: " + seen);
            }
            if (next == null && left <= 0) {
                throw new AssertionError("no " + wanted + " within " + WAIT + "; other frames: " + seen);
            }
            if (next == null) {
                continue;
            }
            if (wanted.contains(next.path("action").asText())) {
                return next;
            }
            synchronized (seen) {
                seen.add(next);
            }
        }
    }

    /** Waits for an {@code error} frame and returns its code. */
    String awaitError() {
        return await("error").get("code").asText();
    }

    /** The frames received before a fence, in order, and the fence. */
    record Fenced(List<JsonNode> before, JsonNode fence) {
        /** Whether a frame before the fence has {@code action}. */
        boolean anyBefore(String action) {
            return before.stream().anyMatch(frame -> action.equals(frame.path("action").asText()));
        }
    }

    /**
     * Waits for the first frame {@code fence} matches and returns it with every frame received
     * before it, all consumed. To show that something did not happen, have something that must come
     * after it happen, and look at what came before: unlike a quiet window, this cannot pass just
     * because a loaded machine was slow.
     */
    Fenced until(Predicate<JsonNode> fence) {
        List<JsonNode> before = new ArrayList<>();
        synchronized (seen) {
            for (java.util.Iterator<JsonNode> it = seen.iterator(); it.hasNext(); ) {
                JsonNode node = it.next();
                it.remove();
                if (fence.test(node)) {
                    return new Fenced(before, node);
                }
                before.add(node);
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode next;
            try {
                next = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (next == null) {
                throw new AssertionError("no fence within " + WAIT + "; frames before it: " + before);
            }
            if (fence.test(next)) {
                return new Fenced(before, next);
            }
            before.add(next);
        }
    }

    /** A fence: the frame with {@code action} whose {@code data} is the text {@code data}. */
    static Predicate<JsonNode> frame(String action, String data) {
        return node -> action.equals(node.path("action").asText()) && data.equals(node.path("data").asText());
    }

    /** Asserts that no frame with {@code action} arrives within {@code window}. */
    void assertNone(String action, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        synchronized (seen) {
            assertThat(seen).noneMatch(node -> action.equals(node.path("action").asText()));
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            JsonNode next;
            try {
                next = frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (next != null) {
                assertThat(next.path("action").asText()).as("unexpected frame %s", next).isNotEqualTo(action);
                synchronized (seen) {
                    seen.add(next);
                }
            }
        }
    }

    /** Drains everything received so far. */
    List<JsonNode> drain() {
        List<JsonNode> all;
        synchronized (seen) {
            all = new ArrayList<>(seen);
            seen.clear();
        }
        frames.drainTo(all);
        return all;
    }

    /** Waits for the socket to close and returns the close code. */
    int awaitClose() {
        try {
            return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new AssertionError("no close within " + WAIT + "; last error: " + error, e);
        }
    }

    /** The last error the client reported, or null. */
    Throwable error() {
        return error;
    }

    /** When the close arrived, as {@link System#nanoTime()}; meaningful once {@link #awaitClose} returned. */
    long closedAtNanos() {
        return closedAtNanos;
    }

    boolean isOpen() {
        return session != null && session.isOpen() && !closed.isDone();
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            frames.add(JSON.readTree(message));
        } catch (Exception e) {
            frames.add(JSON.createObjectNode().put("action", "<unparseable>").put("text", message));
        }
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened; // before any frame: a ping can come before connect() has the session to return
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        if (answerPings) {
            session.sendPong(payload, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closedAtNanos = System.nanoTime();
        closed.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Jetty reports the close that follows through onWebSocketClose, with its code.
        error = cause;
    }

    @Override
    public void close() {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(1000, "test done", Callback.NOOP);
        }
    }

    /** Drops the TCP connection without a close handshake. */
    void abort() {
        session.disconnect();
    }
}
