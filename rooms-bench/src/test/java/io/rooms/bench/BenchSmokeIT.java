package io.rooms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.InMemoryRoomStore;
import io.rooms.RoomsEngine;
import io.rooms.server.RoomsServer;
import io.rooms.server.ServerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** A few seconds of each tool, so that the benchmarks keep compiling and running. Not a measurement. */
class BenchSmokeIT {

    @Test
    void theLoadGeneratorRunsAgainstTheServerAndCountsEveryDelivery() throws Exception {
        RoomsServer server = startServer();
        try {
            LoadRun.Plan plan = new LoadRun.Plan(List.of(URI.create("ws://127.0.0.1:" + server.port() + "/ws")), "rooms",
                    "smoke", 5, 4, 4, 500, Duration.ofSeconds(1), Duration.ofSeconds(2), 32,
                    List.of(ProcessHandle.current().pid()), null, false, 500, new Layout(5, 4, 1, false), 0, 0);
            RunResult result = new LoadRun(plan).run();
            assertThat(result.sent()).isGreaterThan(500);
            assertThat(result.expected()).isEqualTo(result.sent() * 3);
            assertThat(result.loss()).isZero();
            assertThat(result.p99Micros()).isPositive();
            assertThat(result.serverCpuMicrosPerDelivery()).isPositive();
            assertThat(result.toJson()).contains("\"loss\":0", "\"deliveriesPerSecond\"");
        } finally {
            server.stop();
        }
    }

    @Test
    void inSeveralRoomsPerSocketEveryMessageReachesItsRoomAndTheHub() throws Exception {
        RoomsServer server = startServer();
        try {
            // 4 rooms of 4 members from 8 clients in 2 rooms each, and a hub in all 4.
            LoadRun.Plan plan = new LoadRun.Plan(List.of(URI.create("ws://127.0.0.1:" + server.port() + "/ws")), "rooms",
                    "smoke-many", 4, 4, 4, 400, Duration.ofSeconds(1), Duration.ofSeconds(2), 32,
                    List.of(ProcessHandle.current().pid()), null, false, 0, new Layout(4, 4, 2, true), 0, 10);
            RunResult result = new LoadRun(plan).run();
            assertThat(result.sent()).isGreaterThan(400);
            assertThat(result.expected()).isEqualTo(result.sent() * 4);
            assertThat(result.loss()).isZero();
        } finally {
            server.stop();
        }
    }

    @Test
    void presenceUpdatesBesideTheMessagesArriveAndTheServersCountersAreRead() throws Exception {
        RoomsServer server = startServer();
        try {
            // One room of 6, every member setting its presence 20 times a second beside 60 messages a second.
            LoadRun.Plan plan = new LoadRun.Plan(List.of(URI.create("ws://127.0.0.1:" + server.port() + "/ws")), "rooms",
                    "smoke-presence", 1, 6, 6, 60, Duration.ofSeconds(1), Duration.ofSeconds(2), 32,
                    List.of(ProcessHandle.current().pid()), URI.create("http://127.0.0.1:" + server.port() + "/metrics"),
                    false, 0, new Layout(1, 6, 1, false), 20, 0);
            LoadRun run = new LoadRun(plan);
            RunResult result = run.run();
            assertThat(result.loss()).isZero();
            JsonNode presence = new ObjectMapper().readTree(run.presenceJson()).get("presence");
            assertThat(presence.get("presenceSent").asLong()).isGreaterThan(150);
            assertThat(presence.get("presenceDelivered").asLong()).isGreaterThan(presence.get("presenceSent").asLong());
            assertThat(presence.get("serverPresenceSent").asLong()).isPositive();
            assertThat(presence.get("serverCpuMicrosPerDeliveryAll").asDouble()).isPositive();
        } finally {
            server.stop();
        }
    }

    /** The server on a free loopback port, the rate limit lifted as the bench scripts lift it. */
    private static RoomsServer startServer() {
        ServerSettings settings = ServerSettings.fromFlags("--host", "127.0.0.1", "--port", "0",
                "--max-messages-per-second", "100000");
        return RoomsServer.start(settings, RoomsEngine.builder().settings(settings.engine())
                .store(new InMemoryRoomStore()).build());
    }

    @Test
    void theMicroBenchmarksRun() throws Exception {
        var results = new Runner(new OptionsBuilder()
                .include("io.rooms.*Benchmark")
                .param("members", "10")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .build()).run();
        assertThat(results).hasSizeGreaterThanOrEqualTo(4);
    }
}
