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
     * As {@link #send(String)}; {@code batch} says more frames for this connection follow at once,
     * so the transport may hold this one back and write them together. The core always ends a
     * series with {@code batch} false.
     */
    default CompletionStage<Void> send(String text, boolean batch) {
        return send(text);
    }

    /** Sends a WebSocket ping; the transport reports the answer through {@link ConnectionListener#onPong()}. */
    CompletionStage<Void> ping();

    /** Starts a close handshake with the given WebSocket close code; does not block. */
    void close(int code, String reason);

    boolean isOpen();

    SocketAddress remoteAddress();
}
