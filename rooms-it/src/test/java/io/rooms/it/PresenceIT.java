package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.cluster.redis.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's presence section against the jar, on one node and on two nodes sharing a Redis:
 * memberUpdated numbered and acknowledged, the latest of a burst always arriving, the lists
 * (joined.members and GET /api/rooms/{room}) carrying meta on every node, the refusals, the replay
 * on resume exactly once, and the end of a presence with its membership.
 */
class PresenceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static RedisServer redis;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private ServerProcess node(String name, boolean clustered) throws Exception {
        List<String> flags = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--db", "jdbc:h2:mem:" + name));
        if (clustered) {
            if (redis == null) {
                redis = RedisServer.start();
            }
            flags.addAll(List.of("--cluster", redis.uri().toString()));
        }
        ServerProcess node = ServerProcess.start(Files.createDirectories(dir.resolve(name)), Map.of(), flags.toArray(String[]::new));
        open.add(node);
        return node;
    }

    private WsProbe connect(ServerProcess node) {
        WsProbe probe = WsProbe.connect(URI.create("ws://127.0.0.1:" + node.awaitPort() + "/ws"));
        open.add(probe);
        return probe;
    }

    private static String message(Object... keysAndValues) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return JSON.writeValueAsString(fields);
    }

    private static JsonNode member(JsonNode members, String id) {
        for (JsonNode member : members) {
            if (member.get("id").asText().equals(id)) {
                return member;
            }
        }
        throw new AssertionError("no member " + id + " in " + members);
    }

    private static JsonNode roomView(ServerProcess node, String room) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.awaitPort() + "/api/rooms/" + room)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @ParameterizedTest(name = "clustered: {0}")
    @ValueSource(booleans = {false, true})
    void aPresenceReachesEveryoneOnEveryNodeAndEndsWithItsMembership(boolean clustered) throws Exception {
        int run = RUNS.incrementAndGet();
        String room = "board-" + run;
        ServerProcess home = node("home-" + run, clustered);
        ServerProcess other = clustered ? node("other-" + run, true) : home;

        WsProbe ann = connect(home);
        String annId = ann.join(room).get("id").asText();
        WsProbe bob = connect(other);
        JsonNode bobJoined = bob.join(room);
        String bobId = bobJoined.get("id").asText();
        String bobSession = bobJoined.get("session").asText();

        ann.send(message("action", "presence", "data", Map.of("dragging", "w1"), "ref", "p1"));
        assertThat(ann.await("ack").get("ref").asText()).isEqualTo("p1");
        JsonNode updated = bob.await("memberUpdated");
        assertThat(updated.get("id").asText()).isEqualTo(annId);
        assertThat(updated.get("room").asText()).isEqualTo(room);
        assertThat(updated.at("/meta/dragging").asText()).isEqualTo("w1");
        assertThat(updated.get("seq").asLong()).isPositive();

        WsProbe cat = connect(other);
        JsonNode catJoined = cat.join(room);
        assertThat(member(catJoined.get("members"), annId).at("/meta/dragging").asText())
                .as("a newcomer on another node sees the current meta").isEqualTo("w1");
        assertThat(member(roomView(other, room).get("members"), annId).at("/meta/dragging").asText()).isEqualTo("w1");

        // A burst: the first goes at once, the latest within the pace, and the last always arrives.
        for (int n = 1; n <= 20; n++) {
            ann.send(message("action", "presence", "data", Map.of("n", n)));
        }
        List<Integer> seen = new ArrayList<>();
        WsProbe.Fenced burst = bob.until(f -> f.path("action").asText().equals("memberUpdated") && f.at("/meta/n").asInt() == 20);
        burst.before().stream().filter(f -> f.path("action").asText().equals("memberUpdated"))
                .forEach(f -> seen.add(f.at("/meta/n").asInt()));
        seen.add(20);
        assertThat(seen).as("in order, ending with the last").isSorted().endsWith(20).hasSizeLessThanOrEqualTo(20);

        ann.send(message("action", "presence", "data", "busy", "ref", "bad"));
        assertThat(ann.await("error").get("code").asText()).isEqualTo("bad_message");
        ann.send(message("action", "presence", "data", Map.of("text", "x".repeat(1100)), "ref", "big"));
        assertThat(ann.await("error").get("code").asText()).isEqualTo("too_large");

        // Bob drops; Ann's presence changes meanwhile; Bob resumes (on the other node in a cluster)
        // and gets that change exactly once.
        long lastSeq = burst.fence().get("seq").asLong();
        bob.abort();
        assertThat(cat.await("memberLeft").get("id").asText()).isEqualTo(bobId);
        ann.send(message("action", "presence", "data", Map.of("away", true), "ref", "p2"));
        ann.await("ack");
        // Accepted, but it may be held for up to the 100 ms pace: resume once it is out.
        cat.until(f -> f.path("action").asText().equals("memberUpdated") && f.at("/meta/away").asBoolean());
        WsProbe back = connect(clustered ? home : other);
        back.send(message("action", "newClient", "room", room, "resume", Map.of("session", bobSession, "seq", lastSeq)));
        JsonNode resumed = back.await("joined");
        assertThat(resumed.get("recovered").asBoolean()).isTrue();
        assertThat(member(resumed.get("members"), annId).at("/meta/away").asBoolean()).isTrue();
        ann.send(message("action", "talkToRoom", "data", "fence"));
        List<JsonNode> replayed = back.until(WsProbe.frame("talkToRoom", "fence")).before().stream()
                .filter(f -> f.path("action").asText().equals("memberUpdated")).toList();
        assertThat(replayed).as("the change made while away, once").hasSize(1);
        assertThat(replayed.get(0).at("/meta/away").asBoolean()).isTrue();

        // A presence ends with its membership: back in the room, Ann has none.
        ann.send(message("action", "leave", "ref", "l1"));
        ann.await("ack");
        ann.join(room);
        assertThat(member(roomView(other, room).get("members"), annId).has("meta")).isFalse();
    }
}
