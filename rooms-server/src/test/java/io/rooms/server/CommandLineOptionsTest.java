package io.rooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineOptionsTest {

    @Test
    void withNothingGivenEveryDefaultOfTheContractApplies() throws Exception {
        ServerSettings settings = CommandLineOptions.parse(new String[0], Map.of()).settings();
        assertThat(settings).isEqualTo(ServerSettings.DEFAULTS);
    }

    @Test
    void everyFlagHasItsEnvironmentVariable() throws Exception {
        Map<String, String> env = Map.ofEntries(
                Map.entry("ROOMS_HOST", "127.0.0.1"), Map.entry("ROOMS_PORT", "8081"),
                Map.entry("ROOMS_DB", "jdbc:postgresql://db/rooms"), Map.entry("ROOMS_MAX_ROOM_SIZE", "5"),
                Map.entry("ROOMS_PING_INTERVAL_MS", "1000"), Map.entry("ROOMS_STATE_TIMEOUT_MS", "300"),
                Map.entry("ROOMS_SAVE_INTERVAL_MS", "250"), Map.entry("ROOMS_MAX_MESSAGE_BYTES", "1024"),
                Map.entry("ROOMS_MAX_MESSAGES_PER_SECOND", "7"), Map.entry("ROOMS_MAX_OUTBOUND_BYTES", "2048"),
                Map.entry("ROOMS_JOIN_TIMEOUT_MS", "900"), Map.entry("ROOMS_MAX_CONNECTIONS", "12"),
                Map.entry("ROOMS_MAX_ROOMS", "3"), Map.entry("ROOMS_ALLOWED_ORIGINS", "https://a.example, https://b.example"),
                Map.entry("ROOMS_ADMIN_TOKEN", "t"), Map.entry("ROOMS_HISTORY_SIZE", "64"),
                Map.entry("ROOMS_RESUME_WINDOW_MS", "30000"), Map.entry("ROOMS_TRUST_PROXY", "loopback, 10.0.0.0/8"),
                Map.entry("ROOMS_DRAIN_MS", "5000"), Map.entry("ROOMS_TRANSPORT", "jetty"));
        ServerSettings settings = CommandLineOptions.parse(new String[0], env).settings();
        assertThat(settings).isEqualTo(new ServerSettings("127.0.0.1", 8081, "jdbc:postgresql://db/rooms",
                io.rooms.EngineSettings.builder().maxRoomSize(5).pingInterval(Duration.ofSeconds(1))
                        .stateTimeout(Duration.ofMillis(300)).maxMessageBytes(1024).maxMessagesPerSecond(7)
                        .maxOutboundBytes(2048).joinTimeout(Duration.ofMillis(900)).maxRooms(3).build(),
                Duration.ofMillis(250), 12, java.util.List.of("https://a.example", "https://b.example"), "t", null, null,
                new io.rooms.ResumeSettings(64, io.rooms.ResumeSettings.DEFAULTS.historyBytes(), Duration.ofSeconds(30)), null,
                new ProxyTrust(java.util.List.of("127.0.0.0/8", "::1", "10.0.0.0/8")), null, Duration.ofSeconds(5), Transport.JETTY));
    }

    @Test
    void trustProxyTakesKeywordsAddressesAndRangesAndNeverANameToLookUp() throws Exception {
        assertThat(CommandLineOptions.parse(new String[0], Map.of()).settings().trustProxy().isOn())
                .as("off by default").isFalse();
        assertThat(CommandLineOptions.parse(new String[] {"--trust-proxy", "all"}, Map.of()).settings().trustProxy()
                .entries()).containsExactly("0.0.0.0/0", "::/0");
        assertThat(CommandLineOptions.parse(new String[] {"--trust-proxy", "192.168.1.7,fd00::/8"}, Map.of()).settings()
                .trustProxy().entries()).containsExactly("192.168.1.7", "fd00::/8");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--trust-proxy", "proxy.internal"}, Map.of()))
                .hasMessage("--trust-proxy: not an address, a CIDR range, loopback, all or off: 'proxy.internal'");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--trust-proxy", "10.0.0.0/99"}, Map.of()))
                .hasMessageStartingWith("--trust-proxy: ");
    }

    @Test
    void tlsNeedsBothFilesAndSaysWhatIsWrongWithThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--tls-cert", "cert.pem"}, Map.of()))
                .hasMessage("--tls-cert needs --tls-key, the certificate's private key");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--tls-cert", dir.resolve("missing.pem").toString(),
                "--tls-key", "key.pem"}, Map.of()))
                .hasMessage("--tls-cert/--tls-key: cannot read a certificate from " + dir.resolve("missing.pem")
                        + ": no such file");
        java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("cert.pem"), "hello");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--tls-cert", notPem.toString(),
                "--tls-key", notPem.toString()}, Map.of()))
                .hasMessage("--tls-cert/--tls-key: " + notPem + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    @Test
    void aFlagWinsOverTheEnvironment() throws Exception {
        ServerSettings settings = CommandLineOptions.parse(new String[] {"--port=9000"}, Map.of("ROOMS_PORT", "8000"))
                .settings();
        assertThat(settings.port()).isEqualTo(9000);
    }

    @Test
    void environmentNamesFollowTheContract() {
        assertThat(CommandLineOptions.envName("--max-messages-per-second")).isEqualTo("ROOMS_MAX_MESSAGES_PER_SECOND");
    }

    @Test
    void badValuesNameTheirFlag() throws Exception {
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--save-interval-ms", "-5"}, Map.of()))
                .hasMessageContaining("--save-interval-ms");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[0], Map.of("ROOMS_PORT", "x")))
                .as("a value from the environment names the variable that was set")
                .hasMessage("Invalid value for ROOMS_PORT: 'x' is not an int");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[0], Map.of("ROOMS_PORT", "70000")))
                .hasMessage("ROOMS_PORT must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--port=x"}, Map.of("ROOMS_PORT", "1")))
                .hasMessage("Invalid value for option '--port': 'x' is not an int");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--cluster", "localhost:6379"}, Map.of()))
                .hasMessageContaining("--cluster");
        assertThat(CommandLineOptions.parse(new String[] {"--cluster", "redis://127.0.0.1:6379"}, Map.of())
                .settings().cluster()).isEqualTo("redis://127.0.0.1:6379");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--transport", "Netty"}, Map.of()))
                .hasMessage("--transport must be netty or jetty, got 'Netty'");
    }

    @Test
    void authenticationTakesASecretOrAFileOfOneOrAPublicKeyAndRefusesWeakOrUnreadableOnes(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String secret = "0123456789abcdef0123456789abcdef";
        assertThat(CommandLineOptions.parse(new String[] {"--auth-secret", secret}, Map.of()).settings().auth().secret())
                .isEqualTo(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("secret"), secret + "\n");
        assertThat(CommandLineOptions.parse(new String[] {"--auth-secret", "@" + file}, Map.of()).settings().auth().secret())
                .as("read from the file, without its newline").isEqualTo(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(CommandLineOptions.parse(new String[] {"--auth-secret", secret}, Map.of()).settings().toString())
                .doesNotContain(secret);

        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--auth-secret", "short"}, Map.of()))
                .hasMessageStartingWith("--auth-secret: ").hasMessageContaining("32 bytes").hasMessageNotContaining("short");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--auth-secret", "@" + dir.resolve("missing")}, Map.of()))
                .hasMessageStartingWith("--auth-secret: cannot read");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--auth-public-key", file.toString()}, Map.of()))
                .hasMessageStartingWith("--auth-public-key: ").hasMessageContaining("BEGIN PUBLIC KEY");
        assertThatThrownBy(() -> CommandLineOptions.parse(new String[] {"--auth-secret", secret, "--auth-public-key", "k.pem"},
                Map.of())).hasMessageContaining("not both");
        assertThat(CommandLineOptions.parse(new String[0], Map.of()).settings().auth()).as("anonymous by default").isNull();
    }

    @Test
    void helpIsPrintedNotRun() throws Exception {
        CommandLineOptions.Parsed parsed = CommandLineOptions.parse(new String[] {"--help"}, Map.of());
        assertThat(parsed.settings()).isNull();
        assertThat(parsed.text()).contains("--max-outbound-bytes", "--allowed-origins");
    }

    @Test
    void helpShowsEveryDefaultAsTheSettingsDefineIt() throws Exception {
        String help = CommandLineOptions.parse(new String[] {"--help"}, Map.of()).text();
        ServerSettings d = ServerSettings.DEFAULTS;
        assertThat(help).contains("(default: " + d.port() + ")", "(default: " + d.db() + ")",
                "(default: " + d.maxConnections() + ")", "(default: " + d.engine().maxRooms() + ")",
                "(default: " + d.engine().maxOutboundBytes() + ")", "(default: " + d.saveInterval().toMillis() + ")",
                "(default: none)");
        assertThat(help).doesNotContain("default: null");
        // Every flag's description, however it wraps, ends with its default.
        String[] flags = help.substring(help.indexOf("--host=<host>  ")).split("\n(?=\s{6}--|\s{2}-h)");
        assertThat(flags).hasSizeGreaterThan(20);
        for (String flag : flags) {
            if (!flag.strip().startsWith("-h")) {
                assertThat(flag.replaceAll("\\s+", " ")).as(flag).contains("(default: ");
            }
        }
        assertThat(help).contains("ROOMS_MAX_ROOM_SIZE");
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        String version = CommandLineOptions.parse(new String[] {"--version"}, Map.of()).text();
        assertThat(version).matches("rooms-server \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }
}
