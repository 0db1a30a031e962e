package io.rooms.spi;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One client socket, as the core sees it: only what the core calls on a transport, which is one
 * write primitive, a ping and a close.
 *
 * <p>Implementations must be safe to call from any thread, must never block, and must write the
 * series passed to {@link #send} in the order of the calls. The core never calls {@code send} from
 * two threads at once for the same connection.
 */
public interface Connection {

    /**
     * Queues {@code texts}, one text frame each, in order, to be written together where the
     * transport can: the core hands over everything queued for a connection at once. The outcome
     * goes to {@code sent}, once, from any thread: {@link Sent#written} once every frame was
     * written, or {@link Sent#failed} when any could not be (the core then treats the client as
     * gone). {@code tag} is the caller's, handed back as given, so that a transport need not
     * allocate a stage or a callback per write. The list is the caller's, to be reused once this
     * returns: read it, keep no reference to it.
     */
    void send(List<String> texts, long tag, Sent sent);

    /** Where a transport reports how a series handed to {@link #send} went. */
    interface Sent {
        /** The series' {@code frames} frames were all written; {@code tag} as it was given. */
        void written(int frames, long tag);

        /** The series could not be written: the core then treats the client as gone. */
        void failed(long tag, Throwable cause);
    }

    /**
     * Where this connection's writes cost least, such as the transport's I/O thread for the socket:
     * the core then calls {@link #send} there, instead of on its own flush threads. {@code null},
     * the default, means the core's flush threads.
     */
    default Executor writer() {
        return null;
    }

    /** Sends a WebSocket ping; the transport reports the answer through {@link ConnectionListener#onPong()}. */
    CompletionStage<Void> ping();

    /** Starts a close handshake with the given WebSocket close code; does not block. */
    void close(int code, String reason);
}
