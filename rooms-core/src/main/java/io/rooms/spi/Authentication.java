package io.rooms.spi;

import java.util.Objects;

/** What an {@link Authenticator} decided: who the connection is, or why it is refused. */
public sealed interface Authentication {

    /** The connection is {@code identity}. */
    record Accepted(Identity identity) implements Authentication {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * Refused, for {@code reason}: a short text for the log and the client, which must never contain
     * the credential itself.
     */
    record Refused(String reason) implements Authentication {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
