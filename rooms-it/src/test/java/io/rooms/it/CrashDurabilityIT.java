package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rooms.spi.StoredState;
import io.rooms.store.jdbi.JdbiRoomStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "a crash loses at most one save interval", on the default store (embedded H2),
 * checked the way crashes happen: the jar is killed with SIGKILL at random moments while every room
 * is being written, again and again, and the database file is read after each kill.
 */
class CrashDurabilityIT {
    private static final long INTERVAL = 1_000;
    private static final int ROOMS = 25;
    private static final int KILLS = 8;
    private static final long SEED = 20261123L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** One state a room sent: when it was sent (its {@code t}) and when the server had surely received it. */
    private record Sent(long t, long receivedBy) {}

    @Test
    void afterEveryKillEachRoomsStoredStateIsAtMostOneSaveIntervalBehindWhatTheServerHadAnIntervalBefore()
            throws Exception {
        Random random = new Random(SEED);
        String db = "jdbc:h2:file:" + dir.resolve("rooms");
        long worst = Long.MIN_VALUE;
        for (int kill = 0; kill < KILLS; kill++) {
            Map<String, List<Sent>> sent = new HashMap<>();
            long killedAt;
            try (ServerProcess server = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                    "--db", db, "--save-interval-ms", Long.toString(INTERVAL), "--max-messages-per-second", "100000")) {
                URI ws = URI.create("ws://127.0.0.1:" + server.awaitPort() + "/ws");
                List<WsProbe> clients = new ArrayList<>();
                for (int r = 0; r < ROOMS; r++) {
                    WsProbe client = WsProbe.connect(ws);
                    client.join("crash-" + r);
                    clients.add(client);
                }
                long end = System.currentTimeMillis() + 1_500 + random.nextInt(1_500);
                while (System.currentTimeMillis() < end) {
                    long t = System.currentTimeMillis();
                    for (int r = 0; r < ROOMS; r++) {
                        clients.get(r).send("{\"action\":\"move\",\"data\":{\"t\":" + t + ",\"kill\":" + kill + "}}");
                        clients.get(r).send("{\"action\":\"echo\"}");
                    }
                    for (int r = 0; r < ROOMS; r++) {
                        clients.get(r).await("echo"); // in order: the move before it was received
                        sent.computeIfAbsent("crash-" + r, room -> new ArrayList<>())
                                .add(new Sent(t, System.currentTimeMillis()));
                    }
                }
                killedAt = System.currentTimeMillis();
                server.kill();
                assertThat(server.awaitExit(Duration.ofSeconds(30))).isNotZero();
                clients.forEach(WsProbe::close);
            }
            try (JdbiRoomStore store = JdbiRoomStore.open(db)) {
                for (Map.Entry<String, List<Sent>> room : sent.entrySet()) {
                    Optional<Sent> due = room.getValue().stream()
                            .filter(s -> s.receivedBy() <= killedAt - INTERVAL)
                            .reduce((first, second) -> second);
                    if (due.isEmpty()) {
                        continue;
                    }
                    StoredState stored = store.load(room.getKey()).toCompletableFuture().join().orElseThrow(
                            () -> new AssertionError(room.getKey() + " has no state on disk after kill " + due));
                    long storedT = JSON.readTree(stored.json()).get("t").asLong();
                    long behind = due.get().t() - storedT;
                    worst = Math.max(worst, behind);
                    assertThat(behind).as("kill %d (seed %d), room %s: stored state behind the one due by", kill, SEED,
                            room.getKey()).isLessThanOrEqualTo(INTERVAL);
                }
            }
        }
        System.out.println("CrashDurabilityIT: worst loss over " + KILLS + " kills: " + worst + " ms of state");
    }
}
