package io.rooms.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.rooms.spi.Identity;
import io.rooms.spi.Authentication;
import io.rooms.spi.Handshake;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);

    private static Handshake withToken(String token) {
        return new Handshake(Map.of("token", List.of(token)), Map.of(), new InetSocketAddress("127.0.0.1", 1));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("u-42").expirationTime(Date.from(NOW.plusSeconds(60)));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims) throws JOSEException {
        return sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims);
    }

    private final JwtAuthenticator hmac = JwtAuthenticator.hs256(SECRET, CLOCK);

    @Test
    void aValidTokenGivesItsUserNameRoomsAndExpiry() throws Exception {
        String token = hs256(claims().claim("name", "Ann").claim("rooms", List.of("game-*", "lobby")).build());
        Authentication result = hmac.authenticate(withToken(token));
        assertThat(result).isInstanceOf(Authentication.Accepted.class);
        Identity identity = ((Authentication.Accepted) result).identity();
        assertThat(identity.user()).isEqualTo("u-42");
        assertThat(identity.name()).isEqualTo("Ann");
        assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(identity.rooms().allows("game-7")).isTrue();
        assertThat(identity.rooms().allows("lobby")).isTrue();
        assertThat(identity.rooms().allows("lobby2")).isFalse();
        assertThat(identity.rooms().allows("admin")).isFalse();
    }

    @Test
    void theTokenMayComeAsABearerHeaderInAnyCase() throws Exception {
        Handshake handshake = new Handshake(Map.of(), Map.of("authorization", List.of("bearer " + hs256(claims().build()))),
                new InetSocketAddress("127.0.0.1", 1));
        assertThat(hmac.authenticate(handshake)).isInstanceOf(Authentication.Accepted.class);
    }

    @Test
    void missingBadlySignedUnsignedAndMalformedTokensAreRefusedWithoutEchoingThem() throws Exception {
        String wrongSecret = sign(new MACSigner("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)),
                JWSAlgorithm.HS256, claims().build());
        String unsigned = new PlainJWT(claims().build()).serialize();
        String tampered = hs256(claims().build()).replaceFirst("\\.[^.]+\\.", "." + Base64.getUrlEncoder()
                .withoutPadding().encodeToString("{\"sub\":\"admin\"}".getBytes(StandardCharsets.UTF_8)) + ".");
        for (String token : List.of(wrongSecret, unsigned, tampered, "not.a.jwt", "garbage")) {
            Authentication result = hmac.authenticate(withToken(token));
            assertThat(result).as(token).isInstanceOf(Authentication.Refused.class);
            assertThat(((Authentication.Refused) result).reason()).doesNotContain(token);
        }
        assertThat(hmac.authenticate(new Handshake(Map.of(), Map.of(), null)))
                .isEqualTo(new Authentication.Refused("no token"));
    }

    @Test
    void aTokenForAnotherAlgorithmIsRefusedEvenSignedWithThePublicKeyAsAnHmacSecret() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        JwtAuthenticator rsa = JwtAuthenticator.publicKey(pair.getPublic(), CLOCK);

        assertThat(rsa.authenticate(withToken(sign(new RSASSASigner(pair.getPrivate()), JWSAlgorithm.RS256, claims().build()))))
                .isInstanceOf(Authentication.Accepted.class);
        String confused = sign(new MACSigner(pair.getPublic().getEncoded()), JWSAlgorithm.HS256, claims().build());
        assertThat(rsa.authenticate(withToken(confused))).isInstanceOf(Authentication.Refused.class);
        assertThat(rsa.authenticate(withToken(sign(new RSASSASigner(pair.getPrivate()), JWSAlgorithm.RS512,
                claims().build())))).as("RS512 with the right key").isInstanceOf(Authentication.Refused.class);
    }

    @Test
    void es256WithAP256KeyReadFromPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        JwtAuthenticator ec = JwtAuthenticator.publicKey(PemKeys.publicKey(pem), CLOCK);
        String token = sign(new ECDSASigner((ECPrivateKey) pair.getPrivate()), JWSAlgorithm.ES256, claims().build());
        assertThat(ec.authenticate(withToken(token))).isInstanceOf(Authentication.Accepted.class);
    }

    @Test
    void expiryAllowsFiveSecondsOfSkewAtTheHandshakeAndNoneOnARefresh() throws Exception {
        String expiredFourSecondsAgo = hs256(claims().expirationTime(Date.from(NOW.minusSeconds(4))).build());
        String expiredSixSecondsAgo = hs256(claims().expirationTime(Date.from(NOW.minusSeconds(6))).build());
        assertThat(hmac.authenticate(withToken(expiredFourSecondsAgo))).isInstanceOf(Authentication.Accepted.class);
        assertThat(hmac.authenticate(withToken(expiredSixSecondsAgo))).isEqualTo(new Authentication.Refused("token expired"));
        assertThat(hmac.refresh(Identity.of("u-42", null), expiredFourSecondsAgo))
                .isEqualTo(new Authentication.Refused("token expired"));
        String notYet = hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(30))).build());
        assertThat(hmac.authenticate(withToken(notYet))).isEqualTo(new Authentication.Refused("token not valid yet"));
    }

    @Test
    void claimsOfTheWrongShapeAreRefused() throws Exception {
        for (JWTClaimsSet bad : List.of(
                new JWTClaimsSet.Builder().claim("name", "no sub").build(),
                claims().claim("name", 7).build(),
                claims().claim("rooms", List.of("bad room!")).build(),
                claims().claim("rooms", "lobby").build(),
                claims().claim("name", "x".repeat(33)).build())) {
            assertThat(hmac.authenticate(withToken(hs256(bad)))).as(bad.toString()).isInstanceOf(Authentication.Refused.class);
        }
    }

    @Test
    void weakKeysAreRefusedAtStart() throws Exception {
        assertThatThrownBy(() -> JwtAuthenticator.hs256("short".getBytes(StandardCharsets.UTF_8), CLOCK))
                .hasMessageContaining("at least 32 bytes");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        assertThatThrownBy(() -> JwtAuthenticator.publicKey(generator.generateKeyPair().getPublic(), CLOCK))
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> PemKeys.publicKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .hasMessageContaining("BEGIN PUBLIC KEY");
    }
}
