package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.cluster.redis.RedisServer;
import java.net.URI;
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
 * Part three against the jar, on one node and on two nodes sharing a Redis: one socket in three
 * rooms, acks and dedupe across them, and a resume of all three, with exactly what each room sent
 * meanwhile, after an abrupt cut (one node) or after the client's node was SIGKILLed (the cluster,
 * resuming on the other node).
 */
class ManyRoomsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final int MISSED = 5;
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

    @ParameterizedTest(name = "clustered: {0}")
    @ValueSource(booleans = {false, true})
    void threeRoomsOverOneSocketResumeTogetherWithExactlyWhatEachRoomMissed(boolean clustered) throws Exception {
        int run = RUNS.incrementAndGet();
        List<String> rooms = List.of("north-" + run, "east-" + run, "west-" + run);
        ServerProcess home = node("home-" + run, clustered);
        ServerProcess other = clustered ? node("other-" + run, true) : home;

        List<WsProbe> stayers = new ArrayList<>();
        for (String room : rooms) {
            WsProbe stayer = connect(other);
            stayer.join(room);
            stayers.add(stayer);
        }
        WsProbe client = connect(home);
        String id = null;
        String session = null;
        for (String room : rooms) {
            client.send(message("action", "join", "room", room));
            JsonNode joined = client.await("joined");
            assertThat(joined.get("room").asText()).isEqualTo(room);
            id = id == null ? joined.get("id").asText() : id;
            session = session == null ? joined.get("session").asText() : session;
            assertThat(joined.get("id").asText()).as("one id in every room").isEqualTo(id);
            assertThat(joined.get("session").asText()).as("one session in every room").isEqualTo(session);
        }
        for (int i = 0; i < rooms.size(); i++) {
            assertThat(stayers.get(i).await("memberJoined").get("id").asText()).isEqualTo(id);
        }

        // Each room gets what is sent to it, and only that; a ref is delivered once over all rooms.
        for (int i = 0; i < rooms.size(); i++) {
            client.send(message("action", "talkToRoom", "room", rooms.get(i), "data", "to " + rooms.get(i), "ref", "t" + i));
            assertThat(client.await("ack").get("ref").asText()).isEqualTo("t" + i);
        }
        client.send(message("action", "talkToRoom", "room", rooms.get(1), "data", "to " + rooms.get(0), "ref", "t0"));
        assertThat(client.await("ack").get("ref").asText()).as("a ref re-sent naming another room is acknowledged").isEqualTo("t0");
        client.send(message("action", "talkToRoom", "room", rooms.get(1), "data", "fence", "ref", "f1"));
        client.await("ack");
        for (int i = 0; i < rooms.size(); i++) {
            WsProbe.Fenced got = stayers.get(i).until(WsProbe.frame("talkToRoom", "to " + rooms.get(i)));
            assertThat(got.before()).as("%s before its own message", rooms.get(i)).noneMatch(f -> f.path("action").asText().equals("talkToRoom"));
            assertThat(got.fence().get("room").asText()).isEqualTo(rooms.get(i));
        }
        assertThat(stayers.get(1).until(WsProbe.frame("talkToRoom", "fence")).before())
                .as("the re-sent ref is not delivered in its second room").noneMatch(f -> f.path("action").asText().equals("talkToRoom"));

        // The last number the client saw in each room, then the cut.
        Map<String, Long> lastSeq = new LinkedHashMap<>();
        for (int i = 0; i < rooms.size(); i++) {
            stayers.get(i).send(message("action", "talkToRoom", "data", "seen " + i));
            JsonNode seen = client.until(WsProbe.frame("talkToRoom", "seen " + i)).fence();
            lastSeq.put(rooms.get(i), seen.get("seq").asLong());
        }
        if (clustered) {
            home.kill();
        } else {
            client.abort();
        }
        for (int i = 0; i < rooms.size(); i++) {
            JsonNode left = stayers.get(i).await("memberLeft");
            assertThat(left.get("id").asText()).as("%s sees the client leave", rooms.get(i)).isEqualTo(id);
            for (int n = 0; n < MISSED; n++) {
                stayers.get(i).send(message("action", "talkToRoom", "data", rooms.get(i) + " missed " + n));
            }
            stayers.get(i).send(message("action", "echo", "data", "sent"));
            stayers.get(i).await("echo");
        }

        WsProbe back = connect(other);
        for (String room : rooms) {
            back.send(message("action", "join", "room", room, "resume", Map.of("session", session, "seq", lastSeq.get(room))));
        }
        for (String room : rooms) {
            JsonNode joined = back.await("joined");
            assertThat(joined.get("room").asText()).isEqualTo(room);
            assertThat(joined.get("recovered").asBoolean()).as("%s recovered", room).isTrue();
            assertThat(joined.get("id").asText()).isEqualTo(id);
        }
        List<JsonNode> received = new ArrayList<>(); // everything the resumed client got, in order
        for (int i = 0; i < rooms.size(); i++) {
            stayers.get(i).send(message("action", "talkToRoom", "data", "live " + i));
            WsProbe.Fenced upTo = back.until(WsProbe.frame("talkToRoom", "live " + i));
            received.addAll(upTo.before());
            received.add(upTo.fence());
        }
        for (String room : rooms) {
            List<String> inRoom = received.stream()
                    .filter(f -> f.path("action").asText().equals("talkToRoom") && room.equals(f.path("room").asText()))
                    .map(f -> f.get("data").asText()).toList();
            List<String> expected = new ArrayList<>();
            for (int n = 0; n < MISSED; n++) {
                expected.add(room + " missed " + n);
            }
            expected.add("live " + rooms.indexOf(room));
            assertThat(inRoom).as("exactly what %s sent while the client was away, in order, then live", room).isEqualTo(expected);
        }
        assertThat(received).as("no state for a recovered member").noneMatch(f -> f.path("action").asText().equals("state"));
    }
}
