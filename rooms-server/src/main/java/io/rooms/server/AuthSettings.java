package io.rooms.server;

import io.rooms.auth.jwt.JwtAuthenticator;
import io.rooms.spi.Authenticator;
import java.security.PublicKey;
import java.time.Clock;

/**
 * How clients prove who they are: a JWT signed with an HS256 secret, or with the private half of an
 * RSA or EC public key; exactly one of the two is set. Its {@code toString} never shows the secret.
 *
 * @param secret the HS256 secret, or null
 * @param publicKey the RS256 or ES256 key, or null
 */
public record AuthSettings(byte[] secret, PublicKey publicKey) {
    public AuthSettings {
        if ((secret == null) == (publicKey == null)) {
            throw new IllegalArgumentException("give either a secret or a public key");
        }
        secret = secret == null ? null : secret.clone();
        // Fail at start, not at the first handshake, for a weak secret or a key of the wrong kind.
        build(secret, publicKey, Clock.systemUTC());
    }

    /** The authenticator these settings describe, on {@code clock}. */
    public Authenticator authenticator(Clock clock) {
        return build(secret, publicKey, clock);
    }

    private static Authenticator build(byte[] secret, PublicKey publicKey, Clock clock) {
        return secret != null ? JwtAuthenticator.hs256(secret, clock) : JwtAuthenticator.publicKey(publicKey, clock);
    }

    @Override
    public String toString() {
        return secret != null ? "AuthSettings[HS256 secret (hidden)]" : "AuthSettings[" + publicKey.getAlgorithm() + " public key]";
    }
}
