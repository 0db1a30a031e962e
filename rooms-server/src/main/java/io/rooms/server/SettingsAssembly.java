package io.rooms.server;

import io.rooms.EngineSettings;
import io.rooms.ResumeSettings;
import io.rooms.auth.jwt.PemKeys;
import io.rooms.server.CommandLineOptions.BadSettingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings as the flags fill them in, one by one, and the settings that take two flags each
 * (TLS, authentication, resuming), put together once all are read. Not thread-safe.
 */
final class SettingsAssembly {
    final ServerSettings.Builder server = ServerSettings.builder();
    final EngineSettings.Builder engine = EngineSettings.builder();
    int historySize;
    Duration resumeWindow;
    String tlsCert;
    String tlsKey;
    String authSecret;
    String authPublicKey;

    ServerSettings build() throws BadSettingException {
        return server.engine(engine.build())
                .resume(ResumeSettings.DEFAULTS.withHistorySize(historySize).withWindow(resumeWindow))
                .tls(tls())
                .auth(auth())
                .build();
    }

    private TlsSettings tls() throws BadSettingException {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        require(tlsCert != null, "--tls-key needs --tls-cert, the certificate it belongs to");
        require(tlsKey != null, "--tls-cert needs --tls-key, the certificate's private key");
        try {
            return TlsSettings.fromPem(Path.of(tlsCert), Path.of(tlsKey));
        } catch (IllegalArgumentException e) { // InvalidPathException too
            throw new BadSettingException("--tls-cert/--tls-key: " + e.getMessage());
        }
    }

    private AuthSettings auth() throws BadSettingException {
        require(authSecret == null || authPublicKey == null, "give one of --auth-secret and --auth-public-key, not both");
        try {
            if (authSecret != null) {
                String secret = authSecret.startsWith("@") ? read("--auth-secret", authSecret.substring(1)).strip()
                        : authSecret;
                return new AuthSettings(secret.getBytes(StandardCharsets.UTF_8), null);
            }
            if (authPublicKey != null) {
                return new AuthSettings(null, PemKeys.publicKey(read("--auth-public-key", authPublicKey)));
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw new BadSettingException((authSecret != null ? "--auth-secret: " : "--auth-public-key: ")
                    + e.getMessage());
        }
    }

    private static String read(String flag, String path) throws BadSettingException {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new BadSettingException(flag + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    static void require(boolean condition, String message) throws BadSettingException {
        if (!condition) {
            throw new BadSettingException(message);
        }
    }
}
