package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.store.jdbi.JdbiRoomStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy: SIGTERM to a server with {@code --drain-ms}. Its 1,000 sockets must be closed spread
 * over the drain time, not at once, while the rooms keep working and nothing is lost.
 */
class DrainIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 1_000;
    private static final int ROOMS = 50;
    private static final Duration DRAIN = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void onSigtermTheSocketsCloseSpreadOverTheDrainTimeAndEveryAcknowledgedStateIsWritten() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("rooms");
        Map<String, Long> acknowledged = new HashMap<>();
        List<WsProbe> clients = new ArrayList<>();
        /** The clients this test made send during the drain. */
        java.util.Set<WsProbe> movers = new java.util.HashSet<>();
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0", "--db", db,
                "--drain-ms", Long.toString(DRAIN.toMillis()))) {
            int port = server.awaitPort();
            URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
            for (int i = 0; i < CLIENTS; i++) {
                WsProbe client = WsProbe.connect(ws);
                client.join(room(i % ROOMS));
                clients.add(client);
            }

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            assertThat(http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            long terminatedAt = System.nanoTime();
            server.terminate();
            int status = 0;
            while (status != 503 && System.nanoTime() - terminatedAt < DRAIN.toNanos()) {
                status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            long open = clients.stream().filter(WsProbe::isOpen).count();
            assertThat(status).as("/health once SIGTERM is sent").isEqualTo(503);
            assertThat(open).as("sockets still open when /health first answers 503").isGreaterThan(CLIENTS * 9L / 10);

            // Meanwhile, the rooms keep working: in each round, one open member of each room moves,
            // and the move counts as acknowledged once the server has answered the echo after it.
            for (long round = 1; clients.stream().anyMatch(WsProbe::isOpen); round++) {
                for (int r = 0; r < ROOMS; r++) {
                    WsProbe mover = openMemberOf(clients, r);
                    if (mover == null) {
                        continue;
                    }
                    movers.add(mover);
                    try {
                        mover.send("{\"action\":\"move\",\"data\":{\"n\":" + round + "}}");
                        mover.send("{\"action\":\"echo\"}");
                        mover.await("echo");
                        acknowledged.put(room(r), round);
                    } catch (AssertionError | RuntimeException closedMeanwhile) {
                        // its turn to close came: the next round takes another member
                    }
                }
            }

            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (WsProbe client : clients) {
                int code = client.awaitClose();
                if (movers.contains(client) && code == 1006) {
                    // This test's own client wrote its move after the server's close frame had arrived
                    // (a browser's send() does nothing then): its write met the closed connection.
                    assertThat(client.error()).hasMessageMatching("(?s).*(Broken pipe|Connection reset).*");
                } else {
                    assertThat(code).as("close code").isEqualTo(1001);
                }
                first = Math.min(first, client.closedAtNanos());
                last = Math.max(last, client.closedAtNanos());
            }
            long spreadMs = TimeUnit.NANOSECONDS.toMillis(last - first);
            System.out.printf("DrainIT: %d closes spread over %d ms of a %d ms drain%n", CLIENTS, spreadMs,
                    DRAIN.toMillis());
            assertThat(spreadMs).as("time from the first close to the last").isGreaterThanOrEqualTo(DRAIN.toMillis() * 8 / 10);
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
        }

        assertThat(acknowledged).hasSize(ROOMS);
        try (JdbiRoomStore store = JdbiRoomStore.open(db)) {
            for (Map.Entry<String, Long> room : acknowledged.entrySet()) {
                String stored = store.load(room.getKey()).toCompletableFuture().join().orElseThrow().json();
                assertThat(JSON.readTree(stored).get("n").asLong()).as(room.getKey())
                        .isGreaterThanOrEqualTo(room.getValue());
            }
        }
    }

    private static WsProbe openMemberOf(List<WsProbe> clients, int room) {
        for (int i = room; i < clients.size(); i += ROOMS) {
            if (clients.get(i).isOpen()) {
                return clients.get(i);
            }
        }
        return null;
    }

    private static String room(int r) {
        return "drain-" + r;
    }
}
