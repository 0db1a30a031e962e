package io.rooms.spi;

/**
 * The WebSocket close codes Rooms sends, as the contract names them (RFC 6455 section 7.4 and the
 * application's 4000s), in one place for the core and every transport.
 */
public final class CloseCode {
    /** The server is shutting down, or the session was resumed on another connection. */
    public static final int GOING_AWAY = 1001;
    /** A frame broke the protocol (RFC 6455 section 7.1.7). */
    public static final int PROTOCOL_ERROR = 1002;
    /** No status code in a close frame: reported, never sent. */
    public static final int NO_STATUS = 1005;
    /** The connection ended with no close frame: reported, never sent. */
    public static final int ABNORMAL = 1006;
    /** Invalid UTF-8 in a text frame. */
    public static final int INVALID_PAYLOAD = 1007;
    /** Rate limit, join time-out, slow consumer, origin. */
    public static final int POLICY = 1008;
    /** A frame over the size limit. */
    public static final int TOO_LARGE = 1009;
    /** A failure of the server's own. */
    public static final int INTERNAL_ERROR = 1011;
    /** The server cannot take the socket now (at its connection cap). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The identity's token expired. */
    public static final int TOKEN_EXPIRED = 4001;
    /** The server disconnected the user. */
    public static final int DISCONNECTED = 4003;

    private CloseCode() {}

    /** Whether a peer may send {@code code} in a close frame (RFC 6455 section 7.4). */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
