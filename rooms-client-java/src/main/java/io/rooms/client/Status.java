package io.rooms.client;

/** Where a {@link RoomsClient}'s connection is, as the browser client names it. */
public enum Status {
    /** The first connection is being made. */
    CONNECTING,
    /** The socket is open; rooms are joined (or resumed) over it. */
    CONNECTED,
    /** The connection was lost; another is tried after the backoff. */
    RECONNECTING,
    /** The server could not be reached on the last attempt; another is tried after the backoff. */
    OFFLINE,
    /** For good: {@link RoomsClient#close()} was called, or the server refused the client ({@link RoomsClient#closeReason()}). */
    CLOSED
}
