package io.rooms;

/** The error codes of the wire contract, sent as {@code {"action":"error","code":...}}. */
public enum ErrorCode {
    /** The frame is not JSON. */
    BAD_JSON("bad_json"),
    /** JSON, but not an object with a non-empty string {@code action}; or a binary frame. */
    BAD_MESSAGE("bad_message"),
    /** A room name is missing or invalid. */
    BAD_ROOM("bad_room"),
    /** A room action before joining a room. */
    NOT_IN_ROOM("not_in_room"),
    /** Over the message size limit. */
    TOO_LARGE("too_large"),
    /** Over the per-connection message rate. */
    RATE_LIMITED("rate_limited"),
    /** Too many rooms on the server. */
    ROOM_LIMIT("room_limit"),
    /** A {@code to} that names no member of the sender's room. */
    NO_SUCH_MEMBER("no_such_member"),
    /** Joining a room the client's identity does not allow. */
    FORBIDDEN("forbidden"),
    /** A {@code refresh} whose token was refused; nothing changed. */
    BAD_TOKEN("bad_token"),
    /** A {@code join} past the connection's limit of rooms; nothing changed. */
    TOO_MANY_ROOMS("too_many_rooms");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }
}
