package io.rooms.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket connection on the JDK's client: whole text frames in, text frames out one after
 * another (the JDK allows one send at a time), and how it ended. Thread-safe.
 */
final class Socket {
    /** What a socket tells its owner, on the JDK's threads, one call at a time. */
    interface Events {
        void text(Socket socket, String frame);

        /** The socket ended: a close frame's code and reason, or 1006 and the error when it broke. */
        void ended(Socket socket, int code, String reason);
    }

    private final WebSocket webSocket;
    private final Listener listener;
    private final Object sending = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private Socket(WebSocket webSocket, Listener listener) {
        this.webSocket = webSocket;
        this.listener = listener;
    }

    /** Opens a socket to {@code uri}; fails with the handshake's failure (a refused one carries its HTTP status). */
    static CompletableFuture<Socket> open(HttpClient http, URI uri, Duration timeout, Events events) {
        Listener listener = new Listener(events);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, listener)
                .thenApply(webSocket -> listener.socket);
    }

    /**
     * Sends one text frame after those sent before it; a send on a closed socket is dropped. A send
     * that fails (the connection broke under it) ends the socket at once: the JDK may not say so
     * until a read fails, and a cut connection may never give one.
     */
    void send(String frame) {
        synchronized (sending) {
            lastSend = lastSend.handle((done, failure) -> null)
                    .thenCompose(ignored -> webSocket.isOutputClosed() ? CompletableFuture.completedFuture(null)
                            : webSocket.sendText(frame, true))
                    // Reported on another thread: the sender may hold a lock the owner's handler takes.
                    .whenCompleteAsync((done, failure) -> {
                        if (failure != null) {
                            webSocket.abort();
                            listener.end(webSocket, 1006, "a send failed: " + failure.getMessage());
                        }
                    });
        }
    }

    /** Says goodbye with {@code code}, after what was sent before. */
    void close(int code, String reason) {
        synchronized (sending) {
            lastSend = lastSend.handle((done, failure) -> null).thenCompose(ignored -> webSocket.isOutputClosed()
                    ? CompletableFuture.completedFuture(null) : webSocket.sendClose(code, reason));
        }
    }

    /** Drops the connection at once, as a dead network would. */
    void abort() {
        webSocket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final Events events;
        private final StringBuilder partial = new StringBuilder();
        private volatile Socket socket;
        private boolean ended;

        Listener(Events events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = new Socket(webSocket, this); // before any frame can come
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                events.text(socket, frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(webSocket, statusCode, reason);
            if (!webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, ""); // the close handshake: the JDK leaves the answer to us
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(webSocket, 1006, String.valueOf(error.getMessage()));
        }

        synchronized void end(WebSocket webSocket, int code, String reason) {
            if (!ended) {
                ended = true;
                events.ended(socket, code, reason);
            }
        }
    }
}
