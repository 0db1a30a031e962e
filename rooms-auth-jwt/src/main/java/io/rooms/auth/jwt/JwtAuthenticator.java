package io.rooms.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.rooms.spi.Identity;
import io.rooms.spi.RoomAccess;
import io.rooms.spi.Authentication;
import io.rooms.spi.Authenticator;
import io.rooms.spi.Handshake;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates with a JSON Web Token, verified by Nimbus JOSE+JWT with one key and the one
 * algorithm that key is for: HS256 for a shared secret, RS256 for an RSA public key, ES256 for a
 * P-256 public key. Unsigned tokens ({@code alg: none}) and every other algorithm are refused.
 *
 * <p>The token comes as the handshake's query parameter {@code token} (browsers cannot set headers
 * on a WebSocket), or else as {@code Authorization: Bearer}. Claims: {@code sub} (required, the user
 * id), {@code name} (a display name), {@code rooms} (room names, or prefixes ending in {@code *};
 * absent means every room), {@code exp} and {@code nbf}. At the handshake a clock skew of
 * {@link #CLOCK_SKEW} is allowed; a refresh gets none. Refusal reasons never contain the token.
 * Thread-safe.
 *
 * <pre>{@code
 * RoomsEngine engine = RoomsEngine.builder()
 *         .authenticator(JwtAuthenticator.hs256(secret, Clock.systemUTC()))
 *         .build();
 * }</pre>
 */
public final class JwtAuthenticator implements Authenticator {
    /** The clock skew allowed for {@code exp} and {@code nbf} at the handshake. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    /** The shortest HS256 secret taken: 256 bits, as RFC 7518 requires. */
    public static final int MIN_SECRET_BYTES = 32;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Clock clock;

    private JwtAuthenticator(JWSAlgorithm algorithm, Key key, Clock clock) {
        this.clock = clock;
        processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(algorithm, key));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // checked below, on the injected clock
    }

    /** Tokens signed HS256 with {@code secret}, at least {@value #MIN_SECRET_BYTES} bytes. */
    public static JwtAuthenticator hs256(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an HS256 secret must be at least " + MIN_SECRET_BYTES + " bytes, got "
                    + secret.length);
        }
        return new JwtAuthenticator(JWSAlgorithm.HS256, new SecretKeySpec(secret, "HmacSHA256"), clock);
    }

    /** Tokens signed RS256 (an RSA key) or ES256 (a P-256 key) with the private half of {@code key}. */
    public static JwtAuthenticator publicKey(PublicKey key, Clock clock) {
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("an RSA key must have at least 2048 bits, got "
                        + rsa.getModulus().bitLength());
            }
            return new JwtAuthenticator(JWSAlgorithm.RS256, key, clock);
        }
        if (key instanceof ECPublicKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("an EC key must be on curve P-256 (ES256)");
            }
            return new JwtAuthenticator(JWSAlgorithm.ES256, key, clock);
        }
        throw new IllegalArgumentException("the public key must be RSA or EC, got "
                + key.getAlgorithm().toLowerCase(Locale.ROOT));
    }

    @Override
    public Authentication authenticate(Handshake handshake) {
        String token = handshake.queryParameter("token");
        if (token == null) {
            String header = handshake.header("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = header.substring(7).strip();
            }
        }
        if (token == null || token.isEmpty()) {
            return new Authentication.Refused("no token");
        }
        return verify(token, CLOCK_SKEW);
    }

    @Override
    public Authentication refresh(Identity current, String token) {
        return verify(token, Duration.ZERO);
    }

    private Authentication verify(String token, Duration skew) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            return new Authentication.Refused("malformed token");
        } catch (BadJOSEException | JOSEException e) {
            return new Authentication.Refused("signature or algorithm not accepted");
        }
        try {
            return new Authentication.Accepted(identity(claims, skew));
        } catch (BadJWTException e) {
            return new Authentication.Refused(e.getMessage()); // ours, below: never the token
        }
    }

    private Identity identity(JWTClaimsSet claims, Duration skew) throws BadJWTException {
        Instant now = clock.instant();
        Instant expiresAt = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
        if (expiresAt != null && !now.isBefore(expiresAt.plus(skew))) {
            throw new BadJWTException("token expired");
        }
        if (claims.getNotBeforeTime() != null && now.plus(skew).isBefore(claims.getNotBeforeTime().toInstant())) {
            throw new BadJWTException("token not valid yet");
        }
        String user;
        String name;
        List<String> rooms;
        try {
            user = claims.getStringClaim("sub");
            name = claims.getStringClaim("name");
            rooms = claims.getStringListClaim("rooms");
        } catch (ParseException e) {
            throw new BadJWTException("sub and name must be strings, rooms a list of strings");
        }
        if (user == null || user.isEmpty() || user.length() > 256) {
            throw new BadJWTException("the token needs a sub of 1 to 256 characters");
        }
        if (name != null && (name.isBlank() || name.length() > 32)) {
            throw new BadJWTException("name must be 1 to 32 characters");
        }
        RoomAccess access;
        try {
            access = rooms == null ? RoomAccess.ALL : RoomAccess.of(rooms);
        } catch (IllegalArgumentException e) {
            throw new BadJWTException("rooms: " + e.getMessage());
        }
        return new Identity(user, name == null ? null : name.strip(), access, expiresAt);
    }
}
