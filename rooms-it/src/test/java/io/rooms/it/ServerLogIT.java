package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server of its own takes the mistakes clients make (bad JSON, unknown and misused actions,
 * binary and oversized frames, invalid UTF-8, bad close codes, a handshake that is not one, a bad
 * push) and shuts down; its log then has no Error-class throwable and no stack trace at all, so
 * no client's mistake produced one. Independent of the other tests: it reads its own server's log.
 */
class ServerLogIT {
    private static final Pattern ERROR_THROWABLE = Pattern.compile("\\b(java\\.lang\\.)?\\w+Error\\b(:|$)");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$]+\\(");
    private static final String ADMIN = "log-admin-token";

    @TempDir
    Path workDir;

    @Test
    void clientsMistakesLeaveNoErrorThrowableAndNoStackTraceInTheLog() throws Exception {
        String log;
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--db", "jdbc:h2:mem:server-log", "--admin-token", ADMIN, "--max-message-bytes", "1024")) {
            int port = server.awaitPort();
            URI ws = URI.create("ws://127.0.0.1:" + port + "/ws");
            try (WsProbe client = WsProbe.connect(ws)) {
                for (String bad : List.of("not json", "{\"action\":", "[1,2]", "{\"action\":42}",
                        "{\"action\":\"newClient\",\"room\":\"no spaces allowed\"}",
                        "{\"action\":\"talkToRoom\",\"data\":\"before joining\"}")) {
                    client.send(bad);
                    assertThat(client.awaitError()).as("the error for %s", bad).isNotEmpty();
                }
                client.join("log");
                client.send("{\"action\":\"state\",\"data\":{}}");
                assertThat(client.awaitError()).as("a state answer without for").isEqualTo("bad_message");
                client.sendBinary(new byte[] {1, 2, 3});
                assertThat(client.awaitError()).as("a binary frame").isEqualTo("bad_message");
                client.send("{\"action\":\"talkToRoom\",\"data\":\"" + "x".repeat(2000) + "\"}");
                assertThat(client.awaitError()).as("a message over the limit").isEqualTo("too_large");
            }
            try (WsProbe oversized = WsProbe.connect(ws)) {
                oversized.sendAndForget("x".repeat(8 * 1024));
                assertThat(oversized.awaitClose()).as("a frame over the frame cap").isEqualTo(1009);
            }
            try (RawWebSocket raw = new RawWebSocket(port)) {
                raw.sendTextBytes(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'});
                assertThat(raw.awaitCloseCode()).as("invalid UTF-8").isEqualTo(1007);
            }
            try (RawWebSocket raw = new RawWebSocket(port)) {
                raw.send(RawWebSocket.frame(RawWebSocket.FIN | RawWebSocket.CLOSE,
                        RawWebSocket.closeBody(999, new byte[0])));
                assertThat(raw.awaitCloseCode()).as("close code 999").isEqualTo(1002);
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> notAnUpgrade = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/ws")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(notAnUpgrade.statusCode()).as("GET /ws without an upgrade").isGreaterThanOrEqualTo(400);
            HttpResponse<String> badPush = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/rooms/log/messages")).header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":", StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(badPush.statusCode()).as("a push that is not JSON").isEqualTo(400);
            server.terminate();
            assertThat(server.awaitExit(java.time.Duration.ofSeconds(30))).as("the exit code of a graceful stop").isZero();
            log = server.stderr();
        }
        List<String> lines = log.lines().toList();
        assertThat(lines).as("lines the server logged").isNotEmpty();
        assertThat(lines).filteredOn(line -> ERROR_THROWABLE.matcher(line).find()).isEmpty();
        assertThat(lines).filteredOn(line -> STACK_FRAME.matcher(line).find()).isEmpty();
    }
}
