package io.rooms;

/** How a {@code newClient} with {@code resume} ended, as counted in {@link EngineStats#recoveries}. */
public enum Recovery {
    /** The same member came back and got every message it missed. */
    RECOVERED("recovered"),
    /** The session ended longer than the resume window ago. */
    EXPIRED("expired"),
    /** The room no longer holds every message after the client's seq. */
    TOO_FAR_BEHIND("too_far_behind"),
    /** No such session in that room (for that user), or one this node cannot take over. */
    UNKNOWN_SESSION("unknown_session");

    private final String label;

    Recovery(String label) {
        this.label = label;
    }

    /** The outcome as metrics label it. */
    public String label() {
        return label;
    }
}
