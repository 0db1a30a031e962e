package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rooms.spi.StoredState;
import io.rooms.store.jdbi.JdbiRoomStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save the store has completed is on disk: a process killed with SIGKILL right after a save
 * completed, at any moment, never loses it. The embedded H2 default is held to this.
 */
class StoreDurabilityIT {
    private static final long SEED = 7L;

    @TempDir
    Path dir;

    @Test
    void aCompletedSaveSurvivesASigkillAtOnce() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("rooms");
        Random random = new Random(SEED);
        for (int kill = 0; kill < 8; kill++) {
            long killAfter = 20 + random.nextInt(200);
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SaveAndReport.class.getName(), db))
                    .redirectError(dir.resolve("save-" + kill + ".err").toFile())
                    .start();
            long reported = 0;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    reported = Long.parseLong(line.substring("saved ".length()));
                    if (reported >= killAfter) {
                        process.destroyForcibly(); // SIGKILL, right after a save was reported done
                        break;
                    }
                }
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(reported).as("the saver process reported saves (see save-%d.err)", kill).isPositive();
            try (JdbiRoomStore store = JdbiRoomStore.open(db)) {
                StoredState stored = store.load("durable").toCompletableFuture().join().orElseThrow();
                long onDisk = JsonMapper.builder().build().readTree(stored.json()).get("n").asLong();
                assertThat(onDisk).as("kill %d (seed %d): state on disk after save %d was reported done", kill, SEED,
                        reported).isGreaterThanOrEqualTo(reported);
            }
        }
    }
}
