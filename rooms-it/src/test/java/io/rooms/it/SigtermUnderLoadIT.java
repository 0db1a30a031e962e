package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.spi.StoredState;
import io.rooms.store.jdbi.JdbiRoomStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM while clients are busy: every client gets 1001 and every room's latest state is on disk. */
class SigtermUnderLoadIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyClientGets1001AndEveryRoomsLatestStateIsOnDisk() throws Exception {
        int rooms = 5;
        int perRoom = 4;
        String db = "jdbc:h2:file:" + dir.resolve("rooms");
        AtomicLongArray confirmed = new AtomicLongArray(rooms);
        AtomicLongArray sent = new AtomicLongArray(rooms);
        List<WsProbe> clients = new ArrayList<>();
        // Each socket's close is logged at DEBUG: turned on here to read the code the server sent.
        Map<String, String> debugCloses = Map.of("JAVA_TOOL_OPTIONS",
                "-Dorg.slf4j.simpleLogger.log.io.rooms.transport.javalin.JettySocketListener=debug"
                        + " -Dorg.slf4j.simpleLogger.log.io.rooms.transport.netty.NettyFrameHandler=debug");
        try (ServerProcess server = ServerProcess.start(dir, debugCloses, "--host", "127.0.0.1", "--port", "0",
                "--db", db, "--save-interval-ms", "60000", "--max-messages-per-second", "100000")) {
            URI ws = URI.create("ws://127.0.0.1:" + server.awaitPort() + "/ws");
            for (int r = 0; r < rooms; r++) {
                for (int c = 0; c < perRoom; c++) {
                    WsProbe client = WsProbe.connect(ws);
                    client.join("load-" + r);
                    clients.add(client);
                }
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(rooms);
            List<Future<?>> writers = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                WsProbe writer = clients.get(r * perRoom);
                int room = r;
                writers.add(pool.submit(() -> {
                    try {
                        for (long seq = 1; !stop.get(); seq++) {
                            sent.set(room, seq);
                            writer.sendAndForget("{\"action\":\"move\",\"data\":{\"seq\":" + seq + "}}");
                            writer.sendAndForget("{\"action\":\"echo\"}");
                            writer.await("echo");
                            confirmed.set(room, seq);
                        }
                    } catch (RuntimeException | AssertionError closedUnderUs) {
                        // The server went away mid-loop: expected once SIGTERM lands.
                    }
                    return null;
                }));
            }
            Await.until("some load in every room", () -> allAtLeast(confirmed, 20));
            server.terminate();
            for (int i = 0; i < clients.size(); i++) {
                int code;
                try {
                    code = clients.get(i).awaitClose();
                } catch (AssertionError e) {
                    Process jstack = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jstack")
                            .toString(), Long.toString(server.pid())).redirectErrorStream(true).start();
                    String threads = new String(jstack.getInputStream().readAllBytes());
                    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/sigterm-threads.txt"), threads);
                    throw new AssertionError("client " + i + ": " + e.getMessage() + "; server log:\n" + server.stderr(), e);
                }
                if (i % perRoom != 0) {
                    assertThat(code).as("client %d's close code", i).isEqualTo(1001);
                }
                // A writer's own send can race the end of the TCP connection after the handshake, and
                // Jetty's client then reports 1006 locally; the server's log below shows what it sent.
            }
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(server.stderr().lines().filter(line -> line.contains("close client=")))
                    .hasSize(clients.size())
                    .allMatch(line -> line.contains("code=1001"));
        }
        try (JdbiRoomStore store = JdbiRoomStore.open(db)) {
            for (int r = 0; r < rooms; r++) {
                StoredState state = store.load("load-" + r).toCompletableFuture().join().orElseThrow();
                long seq = JSON.readTree(state.json()).get("seq").asLong();
                assertThat(seq).as("room %d: saved seq between the last confirmed and the last sent", r)
                        .isBetween(confirmed.get(r), sent.get(r));
            }
        }
    }

    private static boolean allAtLeast(AtomicLongArray values, long min) {
        for (int i = 0; i < values.length(); i++) {
            if (values.get(i) < min) {
                return false;
            }
        }
        return true;
    }
}
