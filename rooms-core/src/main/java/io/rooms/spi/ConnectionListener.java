package io.rooms.spi;

/**
 * What a transport calls into, one instance per socket, obtained from {@link ConnectionAcceptor#open}.
 *
 * <p>A transport may call these methods from any thread, but calls for one socket must not overlap:
 * Jetty, Netty and the JDK's WebSocket all deliver a socket's events one at a time.
 */
public interface ConnectionListener {

    /** One complete text frame. */
    void onText(String text);

    /** A frame the protocol has no use for (binary). */
    default void onBinary(int length) {}

    /** The answer to a {@link Connection#ping()}. */
    void onPong();

    /** The socket is closed, whoever closed it. Called once. */
    void onClose(int code, String reason);

    /** A transport-level failure; {@link #onClose} follows. */
    default void onError(Throwable cause) {}

    /** The id the core gave this client, unique per server (or per cluster). */
    String clientId();

    /** The room the client is in now, or {@code null}. */
    String room();
}
