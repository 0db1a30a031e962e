package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.client.Backoff;
import io.rooms.client.Room;
import io.rooms.client.RoomsClient;
import io.rooms.cluster.redis.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part three against the jar, on one node and on two nodes sharing a Redis: one socket in three
 * rooms with one id and one session, acks and dedupe across them (on the wire, re-sending a ref
 * naming another room, as no client should); and a resume of all three by the Java client, with
 * exactly what each room sent meanwhile, after an abrupt cut (one node) or after the client's node
 * was SIGKILLed (the cluster, resuming on the other node).
 */
class ManyRoomsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final int MISSED = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);
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
    void threeRoomsOverOneSocketShareOneIdOneSessionAndOneSetOfRefs(boolean clustered) throws Exception {
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
    }

    /**
     * The client-level promise, kept by the Java client: after an abrupt cut (one node), or after its
     * node was SIGKILLed and the address it dials leads to the other node (the cluster), all three rooms
     * are resumed, and each has exactly what was said in it meanwhile, in order, then what is said live.
     */
    @ParameterizedTest(name = "clustered: {0}")
    @ValueSource(booleans = {false, true})
    void aJavaClientInThreeRoomsResumesThemAllWithExactlyWhatEachMissed(boolean clustered) throws Exception {
        int run = RUNS.incrementAndGet();
        List<String> names = List.of("north-" + run, "east-" + run, "west-" + run);
        ServerProcess home = node("home-" + run, clustered);
        ServerProcess other = clustered ? node("other-" + run, true) : home;
        FaultyProxy proxy = new FaultyProxy(home.awaitPort());
        open.add(proxy);

        RoomsClient stayer = javaClient(other.awaitPort());
        RoomsClient client = javaClient(proxy.port());
        List<Room> stays = new ArrayList<>();
        List<Room> rooms = new ArrayList<>();
        List<List<String>> heard = new ArrayList<>();
        AtomicInteger resumed = new AtomicInteger();
        for (String name : names) {
            stays.add(stayer.room(name));
            Room room = client.room(name);
            List<String> got = new CopyOnWriteArrayList<>();
            room.on("talkToRoom", message -> got.add(message.data().asText()));
            room.on("joined", joined -> {
                if (joined.frame().path("recovered").asBoolean()) {
                    resumed.incrementAndGet();
                }
            });
            rooms.add(room);
            heard.add(got);
        }
        stayer.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        for (int i = 0; i < names.size(); i++) {
            stays.get(i).joined().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            rooms.get(i).joined().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            stays.get(i).request("talkToRoom", "before").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        String id = client.id();
        Await.until("the client hears each room", WAIT, () -> heard.stream().allMatch(got -> got.equals(List.of("before"))));

        proxy.refuse(true); // the client is cut off, and kept away until the rooms have moved on
        if (clustered) {
            home.kill();
            proxy.retarget(other.awaitPort());
        }
        Await.until("every room sees the client leave", WAIT,
                () -> stays.stream().allMatch(room -> room.members().stream().noneMatch(member -> member.id().equals(id))));
        for (Room room : stays) {
            for (int n = 0; n < MISSED; n++) {
                room.request("talkToRoom", "missed " + n).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        proxy.refuse(false);
        Await.until("all three rooms resumed", WAIT, () -> resumed.get() == names.size());
        assertThat(client.id()).as("the same member").isEqualTo(id);
        for (Room room : stays) {
            room.request("talkToRoom", "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        List<String> expected = new ArrayList<>(List.of("before"));
        for (int n = 0; n < MISSED; n++) {
            expected.add("missed " + n);
        }
        expected.add("live");
        Await.until("every room's live message arrives", WAIT, () -> heard.stream().allMatch(got -> got.contains("live")));
        for (int i = 0; i < names.size(); i++) {
            assertThat(heard.get(i)).as("what %s said, as the client heard it", names.get(i)).isEqualTo(expected);
            assertThat(rooms.get(i).recovered()).isTrue();
        }
    }

    private RoomsClient javaClient(int port) {
        RoomsClient client = RoomsClient.builder(URI.create("ws://127.0.0.1:" + port + "/ws"))
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1))).build();
        open.add(client);
        return client;
    }
}
