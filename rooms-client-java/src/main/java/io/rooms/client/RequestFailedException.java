package io.rooms.client;

/** The server answered a {@link Room#request} with an {@code error}: its {@link #code()} says which. */
public final class RequestFailedException extends RuntimeException {
    private final String code;

    RequestFailedException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** The protocol's error code: {@code not_in_room}, {@code no_such_member}, {@code rate_limited}, ... */
    public String code() {
        return code;
    }
}
