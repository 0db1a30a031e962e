package io.rooms;

import java.util.Objects;

/**
 * One parsed client message. {@code data} is kept as the raw JSON text the client sent, so relaying
 * it costs no re-serialisation.
 *
 * @param action the non-empty action name
 * @param room the room the client claims; never trusted, only {@code newClient} reads it
 * @param to a member id for a direct message, or {@code null}
 * @param forId the newcomer a {@code state} answer is for, or {@code null}
 * @param data the raw JSON text of {@code data}, or {@code null} when absent
 */
public record Message(String action, String room, String to, String forId, String data) {
    public Message {
        Objects.requireNonNull(action, "action");
        if (action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
    }

    /** Whether the message carries {@code data}: present and not JSON {@code null}. */
    public boolean hasData() {
        return data != null && !data.equals("null");
    }
}
