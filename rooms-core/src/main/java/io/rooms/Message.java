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
 * @param token the credential a {@code refresh} carries, or {@code null}; never logged
 * @param ref the client's reference for acknowledgement, as raw JSON text (a string of at most 64
 *     characters, or a number), or {@code null}
 * @param resume what a {@code newClient} asks to resume, or {@code null}
 */
public record Message(String action, String room, String to, String forId, String data, String token, String ref,
        Resume resume) {
    /** A {@code newClient}'s {@code "resume":{"session":S,"seq":N}}: the session to resume, and the last number seen. */
    public record Resume(String session, long seq) {}

    public Message {
        Objects.requireNonNull(action, "action");
        if (action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
    }

    /** A message without a token. */
    public Message(String action, String room, String to, String forId, String data) {
        this(action, room, to, forId, data, null, null, null);
    }

    /** Leaves the token out, so that printing a message can never show it. */
    @Override
    public String toString() {
        return "Message[action=" + action + ", room=" + room + ", to=" + to + ", for=" + forId + ", data=" + data
                + (token == null ? "" : ", token=(hidden)") + (ref == null ? "" : ", ref=" + ref) + "]";
    }

    /** Whether the message carries {@code data}: present and not JSON {@code null}. */
    public boolean hasData() {
        return data != null && !data.equals("null");
    }
}
