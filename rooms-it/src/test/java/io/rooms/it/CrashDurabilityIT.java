package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise "a crash loses at most one save interval" (README, "What a crash loses"), on the
 * default store (embedded H2), checked the way crashes happen: kill, restart on the same file,
 * write, kill again. Each cycle starts the jar on the database the last one left, has one member
 * of each room write {@code move} states while a second member records what it receives, kills the
 * jar with SIGKILL at a random moment, and reads the file: every room's stored state must be at
 * most one interval older than the newest state the other member had received one interval before
 * the kill.
 */
class CrashDurabilityIT {
    private static final long INTERVAL = 1_000;
    private static final int ROOMS = 50;
    private static final int CYCLES = 20;
    /** A state per room every 40 ms: 25 a second per room, 1,250 in all. */
    private static final long PACE_MILLIS = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** A state the observer received: its {@code t} and when it had arrived, at the latest. */
    private record Received(long t, long at) {}

    @Test
    void afterEveryKillEachRoomsStoredStateIsAtMostOneIntervalBehindWhatItsMembersHadAnIntervalBefore()
            throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String db = "jdbc:h2:file:" + dir.resolve("rooms");
        long worstBehindDue = Long.MIN_VALUE;
        long worstBehindLast = Long.MIN_VALUE;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Map<String, List<Received>> received = new HashMap<>();
            long killedAt;
            String warnings;
            // Started with the client compiler only, as every test's server (ServerProcess): a start
            // 1 s shorter in each of the 20 cycles, and what is checked, the file after a kill, does
            // not depend on how the server's code was compiled.
            try (ServerProcess server = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                    "--db", db, "--save-interval-ms", Long.toString(INTERVAL), "--max-messages-per-second", "100000")) {
                URI ws = URI.create("ws://127.0.0.1:" + server.awaitPort() + "/ws");
                List<WsProbe> writers = joinedAll(ws);
                List<WsProbe> observers = joinedAll(ws);
                long killAt = System.currentTimeMillis() + 1_000 + random.nextInt(1_500);
                while (System.currentTimeMillis() < killAt) {
                    long t = System.currentTimeMillis();
                    for (int r = 0; r < ROOMS; r++) {
                        writers.get(r).sendAndForget("{\"action\":\"move\",\"data\":{\"t\":" + t + ",\"cycle\":"
                                + cycle + "}}");
                    }
                    record(observers, received);
                    Thread.sleep(PACE_MILLIS); // the writers' pace, not a wait for an outcome
                }
                record(observers, received);
                killedAt = System.currentTimeMillis();
                server.kill();
                assertThat(server.awaitExit(Duration.ofSeconds(30))).isNotZero();
                warnings = server.stderr().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                        .collect(java.util.stream.Collectors.joining("\n"));
                writers.forEach(WsProbe::abort);
                observers.forEach(WsProbe::abort);
            }
            try (JdbiRoomStore store = JdbiRoomStore.open(db)) {
                for (Map.Entry<String, List<Received>> room : received.entrySet()) {
                    List<Received> states = room.getValue();
                    Received due = states.stream().filter(s -> s.at() <= killedAt - INTERVAL)
                            .reduce((first, second) -> second).orElse(null);
                    StoredState stored = store.load(room.getKey()).toCompletableFuture().join().orElse(null);
                    if (due == null) {
                        continue; // nothing was due yet: any stored state keeps the promise
                    }
                    assertThat(stored).as("cycle %d (seed %d): %s has no state on disk", cycle, seed, room.getKey())
                            .isNotNull();
                    long storedT = JSON.readTree(stored.json()).get("t").asLong();
                    worstBehindDue = Math.max(worstBehindDue, due.t() - storedT);
                    worstBehindLast = Math.max(worstBehindLast, states.get(states.size() - 1).t() - storedT);
                    assertThat(due.t() - storedT).as("cycle %d (seed %d), %s: the stored state is behind the one due"
                            + " (ms); the server warned:%n%s", cycle, seed, room.getKey(), warnings)
                            .isLessThanOrEqualTo(INTERVAL);
                }
            }
        }
        System.out.printf("CrashDurabilityIT: %d kills, seed %d: the stored state was at worst %d ms behind the state"
                + " due, and %d ms behind the last state received%n", CYCLES, seed, worstBehindDue, worstBehindLast);
    }

    /** A client joined to each room, {@code crash-0} first, connected and joined 10 at a time. */
    private static List<WsProbe> joinedAll(URI ws) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.CompletableFuture<WsProbe>> joining = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                String room = "crash-" + r;
                joining.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    WsProbe probe = WsProbe.connect(ws);
                    probe.join(room);
                    return probe;
                }, pool));
            }
            return joining.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /** Takes what each observer has received since the last look, stamped with now, a bound on its arrival. */
    private static void record(List<WsProbe> observers, Map<String, List<Received>> received) {
        long now = System.currentTimeMillis();
        for (int r = 0; r < observers.size(); r++) {
            for (JsonNode frame : observers.get(r).drain()) {
                if (frame.path("action").asText().equals("move")) {
                    received.computeIfAbsent("crash-" + r, room -> new ArrayList<>())
                            .add(new Received(frame.path("data").path("t").asLong(), now));
                }
            }
        }
    }
}
