package io.rooms.spi;


/**
 * Decides who a connection is, from its handshake, before the socket exists: a refusal is answered
 * with HTTP 401. Plugged in with {@code RoomsEngine.builder().authenticator(...)}; the default lets
 * everyone in anonymously. Called on the transport's threads; must be thread-safe and should not
 * block for long.
 *
 * <pre>{@code
 * Authenticator sessions = handshake -> {
 *     User user = sessionStore.find(handshake.header("Cookie"));
 *     return user == null ? new Authentication.Refused("no session")
 *             : new Authentication.Accepted(Identity.of(user.id(), user.displayName()));
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Authenticator {
    /** Lets every connection in, anonymous. */
    Authenticator ANONYMOUS = handshake -> new Authentication.Accepted(Identity.ANONYMOUS);

    Authentication authenticate(Handshake handshake);

    /**
     * A live connection's {@code {"action":"refresh","token":...}}: the identity that replaces
     * {@code current}, or a refusal (the client gets error {@code bad_token} and nothing changes).
     * The engine itself requires the same user and a later expiry. By default refreshing is not
     * supported.
     */
    default Authentication refresh(Identity current, String token) {
        return new Authentication.Refused("this server does not take refreshed credentials");
    }
}
