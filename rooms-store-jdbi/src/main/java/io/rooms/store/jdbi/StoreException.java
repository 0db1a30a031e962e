package io.rooms.store.jdbi;

import io.rooms.RoomsException;

/** The store could not be opened or used; the message says why, for a person. */
public final class StoreException extends RoomsException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
