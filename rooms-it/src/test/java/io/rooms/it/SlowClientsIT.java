package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.server.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slow HTTP clients cannot stall the server: 100 authorized pushes whose bodies trickle in at one
 * byte a second hold no request thread, so {@code /health}, new WebSocket handshakes and open
 * sockets keep being served, and each trickler gets 408 once the body deadline (10 s) passes.
 */
class SlowClientsIT {

    @Test
    void aHundredTrickledPushBodiesStallNeitherHealthNorHandshakesNorOpenSockets() throws Exception {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--admin-token", "s3cret"));
                WsProbe member = server.joined("slow")) {
            int port = server.http("/").getPort();
            List<Socket> tricklers = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(20_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/rooms/slow/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer s3cret\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    tricklers.add(socket);
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (int round = 0; round < 3; round++) {
                    for (Socket socket : tricklers) {
                        try {
                            socket.getOutputStream().write(' ');
                            socket.getOutputStream().flush();
                        } catch (IOException closedByServer) {
                            // refused already: counted below
                        }
                    }
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.http("/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).as("round %d", round).isEqualTo(200);
                    try (WsProbe newcomer = server.joined("slow")) {
                        newcomer.send("{\"action\":\"talkToRoom\",\"data\":" + round + "}");
                        assertThat(member.await("talkToRoom").get("data").asInt()).isEqualTo(round);
                    }
                    Thread.sleep(1_000); // the tricklers' pace: one byte a second
                }
                for (Socket socket : tricklers) {
                    InputStream in = socket.getInputStream();
                    byte[] head = new byte[12];
                    int read = in.readNBytes(head, 0, 12);
                    assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 408");
                }
            } finally {
                for (Socket socket : tricklers) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void handshakesStuckHalfWayThroughTheirHeadAreClosedAndDoNotStopOthers() throws Exception {
        try (TestServer server = new TestServer()) {
            int port = server.http("/").getPort();
            List<Socket> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(20_000);
                    socket.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: webs"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    stuck.add(socket);
                }
                try (WsProbe other = server.joined("unstuck")) {
                    other.send("{\"action\":\"echo\"}");
                    other.await("echo");
                }
                long start = System.nanoTime();
                for (Socket socket : stuck) {
                    assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
                }
                // The HTTP idle time-out is 10 s; the read above waits at most 20 s per socket.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            } finally {
                for (Socket socket : stuck) {
                    socket.close();
                }
            }
        }
    }
}
