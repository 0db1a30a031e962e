package io.rooms.client;

/**
 * Why a client stopped for good: a WebSocket close code (or the HTTP status of a refused handshake)
 * and a reason for a person.
 */
public record CloseReason(int code, String reason) {
    /** The client was closed by its owner. */
    public static final CloseReason CLOSED_BY_CLIENT = new CloseReason(1000, "closed by the client");
}
