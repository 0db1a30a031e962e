package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.server.ServerSettings;
import io.rooms.spi.StoredState;
import io.rooms.store.jdbi.JdbiRoomStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Room state on the real embedded database, as the server writes it. */
class PersistenceIT {
    @TempDir
    Path dir;

    private String db() {
        return "jdbc:h2:file:" + dir.resolve("rooms");
    }

    private Optional<StoredState> onDisk(String room) {
        try (JdbiRoomStore store = JdbiRoomStore.open(db())) {
            return store.load(room).toCompletableFuture().join();
        }
    }

    /** Waits, bounded, until the server has written {@code count} states in all. */
    private static void awaitSaves(TestServer server, long count) throws InterruptedException {
        Await.until(count + " state writes", () -> server.server.engine().stats().stateSaves() >= count);
    }

    @Test
    void twoHundredRapidUpdatesGiveAHandfulOfWritesEndingWithTheLast() throws Exception {
        try (TestServer server = TestServer.onDatabase(ServerSettings.fromFlags("--db", db(),
                "--save-interval-ms", "500", "--max-messages-per-second", "1000"));
                WsProbe client = server.joined("rapid")) {
            for (int i = 1; i <= 200; i++) {
                client.send("{\"action\":\"move\",\"data\":{\"v\":" + i + "}}");
            }
            client.send("{\"action\":\"leave\"}");
            awaitSaves(server, 1);
            server.close();
            StoredState state = onDisk("rapid").orElseThrow();
            assertThat(state.json()).isEqualTo("{\"v\":200}");
            assertThat(state.version()).isBetween(1L, 3L);
        }
    }

    @Test
    void identicalStatesAndIgnoredActionsAreNotWritten() throws Exception {
        try (TestServer server = TestServer.onDatabase(ServerSettings.fromFlags("--db", db(), "--save-interval-ms", "100"));
                WsProbe client = server.joined("same")) {
            client.send("{\"action\":\"move\",\"data\":{\"v\":1}}");
            awaitSaves(server, 1);
            for (int i = 0; i < 20; i++) {
                client.send("{\"action\":\"move\",\"data\":{\"v\":1}}");
                client.send("{\"action\":\"moving\",\"data\":{\"v\":\"dragging\"}}");
                client.send("{\"action\":\"freeze\",\"data\":{\"v\":\"frozen\"}}");
            }
            client.send("{\"action\":\"leave\"}");
            client.send("{\"action\":\"echo\"}");
            client.await("echo");
            server.close();
            StoredState state = onDisk("same").orElseThrow();
            assertThat(state.json()).isEqualTo("{\"v\":1}");
            assertThat(state.version()).isEqualTo(1);
        }
    }

    @Test
    void theLastStateIsOnDiskAfterAGracefulStopAndComesBackAfterARestart() {
        ServerSettings settings = ServerSettings.fromFlags("--db", db(), "--save-interval-ms", "60000");
        try (TestServer first = TestServer.onDatabase(settings); WsProbe client = first.joined("board")) {
            client.send("{\"action\":\"move\",\"data\":{\"words\":[\"sky\",\"blue\"]}}");
            client.send("{\"action\":\"echo\"}");
            client.await("echo");
            first.close();
            assertThat(client.awaitClose()).isEqualTo(1001);
        }
        try (TestServer second = TestServer.onDatabase(settings); WsProbe newcomer = second.client()) {
            newcomer.join("board");
            JsonNode state = newcomer.await("state");
            assertThat(state.get("source").asText()).isEqualTo("store");
            assertThat(state.get("data").get("words").get(1).asText()).isEqualTo("blue");
        }
    }

    @Test
    void aKilledServerLosesAtMostOneSaveInterval() throws Exception {
        long interval = 300;
        long lastSentAt;
        try (ServerProcess server = ServerProcess.start(dir, java.util.Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--db", db(), "--save-interval-ms", String.valueOf(interval), "--max-messages-per-second", "100000")) {
            int port = server.awaitPort();
            try (WsProbe client = WsProbe.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                client.join("crash");
                long end = System.currentTimeMillis() + 2_000;
                long sentAt = 0;
                for (int seq = 0; System.currentTimeMillis() < end; seq++) {
                    sentAt = System.currentTimeMillis();
                    client.send("{\"action\":\"move\",\"data\":{\"seq\":" + seq + ",\"t\":" + sentAt + "}}");
                    client.send("{\"action\":\"echo\"}");
                    client.await("echo");
                }
                lastSentAt = sentAt;
                server.kill();
                assertThat(server.awaitExit(Duration.ofSeconds(30))).isNotZero();
            }
        }
        StoredState state = onDisk("crash").orElseThrow();
        long savedSentAt = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(state.json()).get("t").asLong();
        // At most one interval of updates is lost, plus the commit and scheduling of the last write
        // (400 ms of slack on a loaded 2-core machine; the run is 2 s long, so a broken save fails).
        assertThat(lastSentAt - savedSentAt).isLessThanOrEqualTo(interval + 400);
    }
}
