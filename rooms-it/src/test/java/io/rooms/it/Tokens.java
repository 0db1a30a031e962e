package io.rooms.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Client tokens as a backend would mint them, with the same library the server verifies them with. */
final class Tokens {
    static final String SECRET = "it-secret-that-is-at-least-32-bytes-long";

    private Tokens() {}

    static JWTClaimsSet.Builder claims(String user) {
        return new JWTClaimsSet.Builder().subject(user).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    static JWTClaimsSet.Builder claims(String user, String name, List<String> rooms) {
        JWTClaimsSet.Builder builder = claims(user).claim("name", name);
        return rooms == null ? builder : builder.claim("rooms", rooms);
    }

    static String hs256(JWTClaimsSet.Builder claims) {
        return sign(hmac(SECRET), JWSAlgorithm.HS256, claims);
    }

    static String hs256(String user) {
        return hs256(claims(user));
    }

    static JWSSigner hmac(String secret) {
        try {
            return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String sign(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String unsigned(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }
}
