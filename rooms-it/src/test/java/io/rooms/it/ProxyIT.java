package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.testing.Executables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;

/**
 * Rooms as deployed: behind Debian's nginx terminating TLS, configured by the docs' own
 * {@code docs/deploy/nginx.conf}, and serving TLS itself with {@code --tls-cert}/{@code --tls-key}.
 * The "client" connects from 127.0.0.2, so that its address and the proxy's (127.0.0.1) differ.
 */
class ProxyIT {
    private static final InetAddress CLIENT_ADDRESS = loopback(2);

    @TempDir
    Path dir;

    private TestCertificate certificate;
    private final List<Nginx> nginx = new ArrayList<>();

    @BeforeEach
    void certificate() throws Exception {
        certificate = TestCertificate.create(dir);
    }

    @AfterEach
    void stopNginx() throws InterruptedException {
        for (Nginx running : nginx) {
            running.close();
        }
    }

    @Test
    void behindNginxABrowserPageConnectsAForeignOriginIsRefusedAndTheLogShowsTheClient() throws Exception {
        try (ServerProcess rooms = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--db", "jdbc:h2:mem:proxy", "--trust-proxy", "127.0.0.1")) {
            int roomsPort = rooms.awaitPort();
            int proxyPort = startNginx(roomsPort);
            String origin = "https://localhost:" + proxyPort;

            // The browser loads the page through nginx and its socket is upgraded through it.
            try (Browser browser = Browser.open("--ignore-certificate-errors");
                    WsProbe direct = WsProbe.connect(URI.create("ws://127.0.0.1:" + roomsPort + "/ws"))) {
                direct.join("behind-nginx");
                browser.go(origin + "/chat/behind-nginx").awaitStatus("connected");
                browser.find("#message").sendKeys("through the proxy", Keys.ENTER);
                JsonNode said = direct.await("talkToRoom");
                assertThat(said.at("/data/text").asText()).isEqualTo("through the proxy");
            }

            // The same handshake from a page on another origin is refused, whatever the client claims.
            assertThat(handshake(certificate.clientContext(), proxyPort, Map.of("Host", "localhost:" + proxyPort,
                    "Origin", "https://evil.example", "X-Forwarded-For", "6.6.6.6"))).isEqualTo(403);
            assertThat(handshake(certificate.clientContext(), proxyPort, Map.of("Host", "localhost:" + proxyPort,
                    "Origin", origin))).isEqualTo(101);
            // The log names the client nginx saw (127.0.0.2), not nginx, nor the address the client made up.
            assertThat(rooms.stderr()).contains("refused a handshake from " + CLIENT_ADDRESS.getHostAddress()
                    + ": 403 origin not allowed").doesNotContain("6.6.6.6");

            // Straight to Rooms, not through the trusted proxy, forwarded headers count for nothing.
            assertThat(handshake(null, roomsPort, Map.of("Host", "localhost:" + proxyPort, "Origin", origin,
                    "X-Forwarded-Proto", "https", "X-Forwarded-Host", "localhost:" + proxyPort))).isEqualTo(403);
        }
    }

    @Test
    void withItsOwnCertificateTheServerSpeaksHttpsAndWss() throws Exception {
        try (ServerProcess rooms = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--db", "jdbc:h2:mem:tls", "--tls-cert", certificate.cert().toString(),
                "--tls-key", certificate.key().toString())) {
            int port = rooms.awaitPort();
            assertThat(rooms.stdout()).contains("listening on https://127.0.0.1:" + port);
            String origin = "https://localhost:" + port;
            assertThat(handshake(certificate.clientContext(), port, Map.of("Host", "localhost:" + port,
                    "Origin", origin))).isEqualTo(101);
            assertThat(handshake(certificate.clientContext(), port, Map.of("Host", "localhost:" + port,
                    "Origin", "https://evil.example"))).isEqualTo(403);
            try (Browser browser = Browser.open("--ignore-certificate-errors")) {
                browser.go(origin + "/chat/tls").awaitStatus("connected");
            }
        }
    }

    /** Starts nginx with the docs' configuration, its placeholders replaced, in front of Rooms on {@code roomsPort}. */
    private int startNginx(int roomsPort) throws Exception {
        int port = Nginx.freePort();
        String site = Nginx.site("nginx.conf")
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;")
                .replace("/etc/letsencrypt/live/rooms.example.com/fullchain.pem", certificate.cert().toString())
                .replace("/etc/letsencrypt/live/rooms.example.com/privkey.pem", certificate.key().toString())
                .replace("http://127.0.0.1:7070", "http://127.0.0.1:" + roomsPort);
        assertThat(site).contains("127.0.0.1:" + port, "127.0.0.1:" + roomsPort, certificate.key().toString());
        nginx.add(Nginx.start(dir, site, port));
        return port;
    }

    /** A WebSocket handshake from 127.0.0.2, over TLS when {@code tls} is given; its HTTP status. */
    private static int handshake(SSLContext tls, int port, Map<String, String> headers) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(CLIENT_ADDRESS, 0));
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        plain.setSoTimeout(10_000);
        try (Socket socket = tls == null ? plain : tls.getSocketFactory().createSocket(plain, "localhost", port, true)) {
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            StringBuilder request = new StringBuilder("GET /ws HTTP/1.1\r\n")
                    .append("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).as("status line").startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
