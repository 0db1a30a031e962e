package io.rooms.spi;

import java.net.SocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * One client socket, as the core sees it: what the core calls on a transport.
 *
 * <p>Implementations must be safe to call from any thread, must never block, and must deliver the
 * texts passed to {@link #send} in the order of the calls. The core never calls {@code send} from
 * two threads at once for the same connection.
 */
public interface Connection {

    /** The transport's identifier for this socket, used in logs. */
    String id();

    /**
     * Queues one text frame. The stage completes when the frame was written, and completes
     * exceptionally when it could not be: the core then treats the client as gone.
     */
    CompletionStage<Void> send(String text);

    /**
     * Queues {@code texts}, one text frame each, in order, to be written together where the
     * transport can: the core hands over everything queued for a connection at once. The stage
     * completes when every frame was written and completes exceptionally when any could not be;
     * one stage for the series, not one per frame. The list is the caller's, to be reused once
     * this returns: read it, keep no reference to it.
     */
    default CompletionStage<Void> send(java.util.List<String> texts) {
        java.util.concurrent.CompletableFuture<?>[] each = new java.util.concurrent.CompletableFuture<?>[texts.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = send(texts.get(i)).toCompletableFuture();
        }
        return java.util.concurrent.CompletableFuture.allOf(each);
    }

    /**
     * Queues {@code texts} as {@link #send(java.util.List)} does, and reports the outcome to
     * {@code sent} instead of through a stage: {@link Sent#written} once every frame was written, or
     * {@link Sent#failed} when any could not be; once, from any thread. {@code tag} is the caller's,
     * handed back as given. The core's outboxes write through this; a transport that overrides it
     * can report without allocating a stage and its callbacks per write. The default goes through
     * {@link #send(java.util.List)}.
     */
    default void send(java.util.List<String> texts, long tag, Sent sent) {
        int frames = texts.size();
        send(texts).whenComplete((ignored, failure) -> {
            if (failure == null) {
                sent.written(frames, tag);
            } else {
                sent.failed(tag, failure);
            }
        });
    }

    /** Where a transport reports how a series handed to {@link #send(java.util.List, long, Sent)} went. */
    interface Sent {
        /** The series' {@code frames} frames were all written; {@code tag} as it was given. */
        void written(int frames, long tag);

        /** The series could not be written: the core then treats the client as gone. */
        void failed(long tag, Throwable cause);
    }

    /**
     * Where this connection's writes cost least, such as the transport's I/O thread for the socket:
     * the core then hands the frames queued for it to {@link #send(java.util.List, long, Sent)}
     * there, instead of on its own flush threads. {@code null}, the default, means the core's flush
     * threads.
     */
    default java.util.concurrent.Executor writer() {
        return null;
    }

    /** Sends a WebSocket ping; the transport reports the answer through {@link ConnectionListener#onPong()}. */
    CompletionStage<Void> ping();

    /** Starts a close handshake with the given WebSocket close code; does not block. */
    void close(int code, String reason);

    boolean isOpen();

    SocketAddress remoteAddress();
}
