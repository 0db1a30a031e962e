package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jar as a user runs it, in a child process. */
class CommandLineIT {
    @TempDir
    Path workDir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port abc | --port",
        "--port 70000 | --port",
        "--bogus | --bogus",
        "--max-room-size -1 | --max-room-size",
        "--ping-interval-ms 0 | --ping-interval-ms",
        "--db mysql://nope | --db",
        "--allowed-origins ftp://x | --allowed-origins",
        "--max-connections | --max-connections",
    })
    void aBadFlagStopsTheServerWithOneLineNamingItAndExitCode2(String flags, String named) throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), flags.trim().split(" "))) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            String stderr = server.stderr().strip();
            assertThat(stderr.lines()).hasSize(1);
            assertThat(stderr).contains(named).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(server.stdout()).isEmpty();
        }
    }

    @Test
    void anUnreachableClusterStopsTheServerWithOneLineAndExitCode2() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--port", "0", "--db", "jdbc:h2:mem:nocluster",
                "--cluster", "redis://127.0.0.1:" + closedPort)) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            assertThat(server.stderr().strip()).startsWith("rooms: cannot reach Redis at redis://127.0.0.1:" + closedPort)
                    .hasLineCount(1);
        }
    }

    @Test
    void anUnreachableRedisClusterStopsTheServerWithOneLineAndExitCode2() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--port", "0", "--db", "jdbc:h2:mem:nocluster",
                "--cluster", "redis-cluster://127.0.0.1:" + closedPort + ",127.0.0.1:" + closedPort)) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            assertThat(server.stderr().strip())
                    .startsWith("rooms: cannot reach the Redis Cluster at redis-cluster://127.0.0.1:" + closedPort)
                    .hasLineCount(1);
        }
    }

    @Test
    void aRedisClusterAddressWithoutHostAndPortIsRefusedWithOneLineAndExitCode2() throws Exception {
        for (String bad : List.of("redis-cluster://", "redis-cluster://127.0.0.1", "redis-cluster://127.0.0.1:7000,:7001")) {
            try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--port", "0", "--db", "jdbc:h2:mem:bad",
                    "--cluster", bad)) {
                assertThat(server.awaitExit(ServerProcess.START)).as(bad).isEqualTo(2);
                assertThat(server.stderr().strip()).as(bad).startsWith("rooms: --cluster must look like")
                        .contains("redis-cluster://HOST:PORT,HOST:PORT").hasLineCount(1);
            }
        }
    }

    @Test
    void aBadEnvironmentValueIsRefusedLikeABadFlag() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of("ROOMS_MAX_ROOMS", "lots"))) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            assertThat(server.stderr().strip()).isEqualTo("rooms: Invalid value for ROOMS_MAX_ROOMS: 'lots' is not an int");
        }
    }

    @Test
    void aFlagWinsOverTheEnvironment() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of("ROOMS_PORT", "not-a-port", "ROOMS_HOST", "127.0.0.1"),
                "--port", "0")) {
            int port = server.awaitPort();
            assertThat(server.stdout()).contains("listening on http://127.0.0.1:" + port);
        }
    }

    @Test
    void itServesOnThePrintedPortAndStopsGracefullyOnSigterm() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--host", "127.0.0.1", "--port", "0")) {
            int port = server.awaitPort();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");

            for (int i = 0; i < 50; i++) {
                try (WsProbe passing = WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                    passing.join("passing");
                }
            }
            try (WsProbe client = WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws"))) {
                client.join("cli");
                server.terminate();
                assertThat(client.awaitClose()).isEqualTo(1001);
            }
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
            String log = server.stderr();
            assertThat(log).doesNotContain("open client=").doesNotContain("close client=").doesNotContain("Exception")
                    .contains("stopping: writing room state and closing sockets");
            assertThat(log.lines().count()).as("log lines for 51 connections:%n%s", log).isLessThan(10);
        }
    }

    @Test
    void theListenBacklogFitsTheConnectionCapUpToTheKernelsLimit() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--max-connections", "3000")) {
            int port = server.awaitPort();
            int somaxconn;
            try (java.io.BufferedReader proc = java.nio.file.Files.newBufferedReader(
                    java.nio.file.Path.of("/proc/sys/net/core/somaxconn"))) {
                somaxconn = Integer.parseInt(proc.readLine().strip()); // readString stops early on /proc
            }
            Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
            String line = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            assertThat(ss.waitFor()).as("ss (iproute2) answered: %s", line).isZero();
            // For a listening socket, ss shows the backlog in the Send-Q column.
            int backlog = Integer.parseInt(line.split("\\s+")[2]);
            assertThat(backlog).isEqualTo(Math.min(3000 + io.rooms.server.RoomsServer.CONNECTION_HEADROOM, somaxconn))
                    .isGreaterThan(50);
        }
    }

    @Test
    void aPortInUseIsOneLineAtOnceAndCreatesNoDatabase() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertStartFails("rooms: cannot listen on 127.0.0.1:" + port + ": the port is in use", Map.of(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port));
        }
    }

    @Test
    void aHostThatIsNotThisMachineIsOneLineAndCreatesNoDatabase() throws Exception {
        assertStartFails("rooms: cannot listen on nosuch.invalid:0: unknown host", Map.of(),
                "--host", "nosuch.invalid", "--port", "0");
        assertStartFails("rooms: cannot listen on 192.0.2.1:0: not an address of this machine", Map.of(),
                "--host", "192.0.2.1", "--port", "0");
    }

    @Test
    void anUnusableH2PathIsOneLineNamingTheDirectory() throws Exception {
        Path file = java.nio.file.Files.writeString(workDir.resolve("a-file"), "not a directory");
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--port", "0", "--db",
                "jdbc:h2:file:" + file + "/rooms")) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            assertThat(server.stderr().strip())
                    .isEqualTo("rooms: cannot create the H2 database's directory " + file + ": not a directory");
        }
    }

    @Test
    void anUnreachablePostgresqlIsOneLineWithoutTheCredentials() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--port", "0", "--db",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/rooms?user=rooms&password=sekret")) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            assertThat(server.stderr().strip())
                    .startsWith("rooms: cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort
                            + "/rooms: ")
                    .doesNotContain("sekret").hasLineCount(1);
        }
    }

    @Test
    void aBadEnvironmentValueNamesTheVariableThatWasSet() throws Exception {
        assertStartFails("rooms: Invalid value for ROOMS_PORT: 'abc' is not an int", Map.of("ROOMS_PORT", "abc"));
    }

    @Test
    void versionPrintsTheBuildsVersion() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--version")) {
            assertThat(server.awaitExit(ServerProcess.START)).isZero();
            assertThat(server.stdout()).containsExactly("rooms-server " + System.getProperty("rooms.version"));
        }
    }

    /** The server stops at once with exactly this line and exit code 2, having created no database file. */
    private void assertStartFails(String line, Map<String, String> env, String... flags) throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, env, flags)) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            assertThat(server.stderr().strip()).isEqualTo(line);
            assertThat(server.stdout()).isEmpty();
        }
        assertThat(workDir.resolve("data")).as("no database is created by a start that fails").doesNotExist();
    }
}
