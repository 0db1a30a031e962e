package io.rooms;

/** The root of the exceptions Rooms throws. A client's bad input is never one: it gets an error message. */
public class RoomsException extends RuntimeException {
    public RoomsException(String message) {
        super(message);
    }

    public RoomsException(String message, Throwable cause) {
        super(message, cause);
    }
}
