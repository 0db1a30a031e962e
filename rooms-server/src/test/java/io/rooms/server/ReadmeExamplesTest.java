package io.rooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.ChatServer;
import com.example.EmbeddedInJavalin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.rooms.EngineSettings;
import io.rooms.RoomsEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java examples: shown there exactly as they are here, and they run as it says. */
class ReadmeExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("src/test/java/com/example");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theReadmeShowsTheExamplesExactly() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        for (String example : new String[] {"ChatServer.java", "EmbeddedInJavalin.java"}) {
            String source = Files.readString(EXAMPLES.resolve(example), StandardCharsets.UTF_8);
            assertThat(readme).as("README.md shows %s as it is", example).contains("```java\n" + source + "```");
        }
    }

    @Test
    void theChatServerTakesTheJarsFlagsItsOwnActionAndItsStore(@TempDir Path dir) throws Exception {
        RoomsServer server = ChatServer.start("--host", "127.0.0.1", "--port", "0", "--max-room-size", "1",
                "--db", "jdbc:h2:file:" + dir.resolve("rooms"));
        try {
            Socket ann = Socket.open(http, "ws://127.0.0.1:" + server.port() + "/ws");
            ann.send("{\"action\":\"newClient\",\"room\":\"dice\"}");
            assertThat(ann.next().get("action").asText()).isEqualTo("joined");
            ann.send("{\"action\":\"roll\"}");
            JsonNode rolled = ann.next();
            assertThat(rolled.get("action").asText()).isEqualTo("rolled");
            assertThat(rolled.get("data").asInt()).isBetween(1, 6);
            Socket bob = Socket.open(http, "ws://127.0.0.1:" + server.port() + "/ws");
            bob.send("{\"action\":\"newClient\",\"room\":\"dice\"}");
            assertThat(bob.next().get("action").asText()).as("--max-room-size 1 holds").isEqualTo("roomFull");
        } finally {
            server.stop();
        }
        assertThat(dir.resolve("rooms.mv.db")).as("the store of --db").exists();
    }

    @Test
    void anEngineBuiltApartFromTheFlagsIsRefusedNotSilentlyUsed() {
        ServerSettings settings = ServerSettings.fromFlags("--port", "0", "--max-room-size", "1");
        try (RoomsEngine apart = RoomsEngine.builder().settings(EngineSettings.DEFAULTS).build()) {
            assertThatThrownBy(() -> RoomsServer.start(settings, apart)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RoomsServer.engine(settings)");
        }
    }

    @Test
    void roomsMountsOnTheAppsOwnJavalinWithoutTheDemoPages() throws Exception {
        Javalin app = EmbeddedInJavalin.start(0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            assertThat(get(base + "/hello").body()).isEqualTo("the app's own route");
            assertThat(get(base + "/rooms.js").body()).contains("export function connect");
            // Every module the client imports, and each of theirs, is served too: a browser's import fails whole otherwise.
            java.util.Deque<String> modules = new java.util.ArrayDeque<>(List.of("rooms.js"));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!modules.isEmpty()) {
                String module = modules.pop();
                if (seen.add(module)) {
                    HttpResponse<String> served = get(base + "/" + module);
                    assertThat(served.statusCode()).as("/%s", module).isEqualTo(200);
                    java.util.regex.Matcher imports = java.util.regex.Pattern.compile("from '\\./([\\w.-]+\\.js)'").matcher(served.body());
                    while (imports.find()) {
                        modules.add(imports.group(1));
                    }
                }
            }
            assertThat(seen).contains("room.js", "connection.js", "pacer.js");
            assertThat(get(base + "/chat/lobby").statusCode()).as("no demo pages").isEqualTo(404);
            assertThat(get(base + "/api/rooms").statusCode()).isEqualTo(200);
            Socket ann = Socket.open(http, "ws://127.0.0.1:" + app.port() + "/ws");
            ann.send("{\"action\":\"newClient\",\"room\":\"embedded\"}");
            assertThat(ann.next().get("action").asText()).isEqualTo("joined");
        } finally {
            app.stop();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A plain JDK WebSocket client, frames in order, with bounded waits. */
    private static final class Socket implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Socket open(HttpClient http, String url) {
            Socket listener = new Socket();
            listener.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), listener)
                    .orTimeout(10, TimeUnit.SECONDS).join();
            return listener;
        }

        void send(String text) {
            socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        }

        JsonNode next() throws Exception {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            return JSON.readTree(frame);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
