package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.server.RoomsServer;
import io.rooms.server.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

    @Test
    void aHeadTrickledAByteAtATimeIsClosedTenToTwelveSecondsAfterItBeganWhileHealthIsServed() throws Exception {
        try (TestServer server = new TestServer()) {
            int port = server.http("/").getPort();
            List<Socket> trickling = new ArrayList<>();
            try {
                long began = System.nanoTime();
                for (int i = 0; i < 50; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: "
                            .getBytes(StandardCharsets.US_ASCII));
                    trickling.add(socket);
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
                List<Duration> closedAfter = new ArrayList<>();
                boolean[] closed = new boolean[trickling.size()];
                // One byte to every head each half second: each byte resets the idle time-out, so only
                // the head's own limit can end these.
                while (closedAfter.size() < trickling.size()
                        && System.nanoTime() - began < Duration.ofSeconds(20).toNanos()) {
                    for (int i = 0; i < trickling.size(); i++) {
                        Socket socket = trickling.get(i);
                        if (closed[i]) {
                            continue;
                        }
                        socket.setSoTimeout(1);
                        try {
                            if (socket.getInputStream().read() == -1) {
                                closed[i] = true;
                                closedAfter.add(Duration.ofNanos(System.nanoTime() - began));
                                continue;
                            }
                        } catch (java.net.SocketTimeoutException stillOpen) {
                            // nothing to read: the head is still being waited for
                        } catch (IOException reset) {
                            closed[i] = true;
                            closedAfter.add(Duration.ofNanos(System.nanoTime() - began));
                            continue;
                        }
                        socket.getOutputStream().write('x');
                    }
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.http("/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).isEqualTo(200);
                    Thread.sleep(500); // the trickle's pace
                }
                assertThat(closedAfter).as("every trickled head was closed").hasSize(trickling.size());
                assertThat(closedAfter).allSatisfy(after -> assertThat(after)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(10))
                        .isLessThanOrEqualTo(Duration.ofSeconds(12)));
            } finally {
                for (Socket socket : trickling) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void connectionsWithoutARequestYetCountAgainstTheLimitSoTheyCannotExhaustDescriptors() throws Exception {
        int maxConnections = 4;
        int allowed = maxConnections + RoomsServer.CONNECTION_HEADROOM;
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--max-connections",
                String.valueOf(maxConnections)))) {
            int port = server.http("/").getPort();
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < allowed + 40; i++) {
                    silent.add(new Socket("127.0.0.1", port)); // the kernel completes these; Jetty may not accept them
                }
                Await.until(allowed + " connections accepted", () -> acceptedBy(port) >= allowed);
                // A few polls more: the server must stop at the limit, not merely be slow to pass it.
                for (int i = 0; i < 10; i++) {
                    assertThat(acceptedBy(port)).isEqualTo(allowed);
                    Thread.sleep(50);
                }
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
            Await.until("the accepted connections closed", () -> acceptedBy(port) == 0);
        }
    }

    /** The server's accepted sockets on the port: those a process owns, unlike the ones still queued. */
    private static int acceptedBy(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-tnpH", "state", "established", "sport = :" + port)
                    .redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ss.waitFor()).as("ss answered: %s", out).isZero();
            String pid = "pid=" + ProcessHandle.current().pid() + ",";
            return (int) out.lines().filter(line -> line.contains(pid)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
