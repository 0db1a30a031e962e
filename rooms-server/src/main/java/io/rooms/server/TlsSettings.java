package io.rooms.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The server's own TLS: a certificate chain and its private key, both PEM, as a web server takes
 * them ({@code fullchain.pem} and {@code privkey.pem} from Let's Encrypt, say). The key may be
 * PKCS#8, PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), unencrypted.
 *
 * @param cert the PEM file of the certificate, then any intermediates
 * @param key the PEM file of the private key
 * @param keyStore both, in memory, as Jetty takes them; its password is {@link #KEY_STORE_PASSWORD}
 */
public record TlsSettings(Path cert, Path key, KeyStore keyStore) {
    static final String KEY_STORE_PASSWORD = "rooms";

    /**
     * Reads and checks both files.
     *
     * @throws IllegalArgumentException with one line naming the file and what is wrong with it
     */
    public static TlsSettings fromPem(Path cert, Path key) {
        List<X509Certificate> chain = certificates(cert);
        PrivateKey privateKey = privateKey(key);
        if (!isPair(privateKey, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the key in " + key + " is not the certificate's, in " + cert);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("rooms", privateKey, KEY_STORE_PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
            return new TlsSettings(cert, key, store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + cert + " with " + key + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader(file))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read a certificate from " + file + ": " + (e instanceof IOException io ? reason(io) : e.getMessage()), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        try (PEMParser parser = new PEMParser(reader(file))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a private key from " + file + ": " + reason(e), e);
        }
        throw new IllegalArgumentException(file + " holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** Whether the certificate's public key verifies what the private key signs. */
    private static boolean isPair(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // let the TLS handshake judge a kind of key we cannot test here
        }
        try {
            byte[] probe = "rooms".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    private static Reader reader(Path file) throws IOException {
        return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "TlsSettings[cert=" + cert + ", key=" + key + "]";
    }
}
