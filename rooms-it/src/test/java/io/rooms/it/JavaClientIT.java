package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rooms.client.Backoff;
import io.rooms.client.RequestFailedException;
import io.rooms.client.Room;
import io.rooms.client.RoomMessage;
import io.rooms.client.RoomsClient;
import io.rooms.client.Status;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client (rooms-client-java) against the jar: rooms, acks, the hand-off, tokens, a dead path. */
class JavaClientIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ServerProcess server(String... extra) throws Exception {
        List<String> flags = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:java-client"));
        flags.addAll(List.of(extra));
        ServerProcess server = ServerProcess.start(dir, Map.of(), flags.toArray(String[]::new));
        open.add(server);
        server.awaitPort();
        return server;
    }

    private static URI ws(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    private RoomsClient client(io.rooms.client.RoomsClientBuilder builder) {
        RoomsClient client = builder.build();
        open.add(client);
        return client;
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** What a room's handler received, as the data of each frame of {@code action}. */
    private static List<JsonNode> collect(Room room, String action) {
        List<JsonNode> got = new CopyOnWriteArrayList<>();
        room.on(action, message -> got.add(message.data()));
        return got;
    }

    @Test
    void twoClientsTalkInTwoRoomsAndARequestIsAcknowledgedOrRefusedWithTheErrorsCode() throws Exception {
        ServerProcess server = server();
        RoomsClient alice = client(RoomsClient.builder(ws(server.awaitPort())));
        RoomsClient bob = client(RoomsClient.builder(ws(server.awaitPort())));
        get(alice.connect());
        get(bob.connect());
        Room aliceLobby = alice.room("lobby");
        Room aliceGame = alice.room("game");
        Room bobLobby = bob.room("lobby");
        Room bobGame = bob.room("game");
        List<JsonNode> inLobby = collect(bobLobby, "talkToRoom");
        List<JsonNode> moves = collect(bobGame, "move");
        get(aliceLobby.joined());
        get(aliceGame.joined());
        get(bobLobby.joined());
        get(bobGame.joined());

        aliceLobby.talk("hello");
        JsonNode ack = get(aliceGame.request("move", Map.of("x", 3)));
        assertThat(ack.path("action").asText()).isEqualTo("ack");
        Await.until("both messages arrive, each in its room", WAIT, () -> inLobby.size() == 1 && moves.size() == 1);
        assertThat(inLobby.get(0).asText()).isEqualTo("hello");
        assertThat(moves.get(0).path("x").asInt()).isEqualTo(3);
        assertThat(bobGame.members()).extracting(m -> m.id()).first().as("the sender is the most active").isEqualTo(alice.id());

        assertThatThrownBy(() -> get(aliceGame.requestTo("nobody-1", "move", 1)))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RequestFailedException.class)
                .extracting(e -> ((RequestFailedException) e).code()).isEqualTo("no_such_member");
    }

    @Test
    void aNewcomerGetsTheStateTheMostActiveMemberAnswersWith() throws Exception {
        ServerProcess server = server();
        RoomsClient old = client(RoomsClient.builder(ws(server.awaitPort())));
        get(old.connect());
        Room board = old.room("board").answerState(() -> JsonNodeFactory.instance.objectNode().put("cells", 42));
        get(board.joined());
        get(board.request("paint", Map.of("cell", 1))); // the most active member
        RoomsClient newcomer = client(RoomsClient.builder(ws(server.awaitPort())));
        get(newcomer.connect());
        Room seen = newcomer.room("board");
        List<RoomMessage> states = new CopyOnWriteArrayList<>();
        seen.on("state", states::add);
        Await.until("the newcomer gets the state", WAIT, () -> !states.isEmpty());
        assertThat(states.get(0).data().path("cells").asInt()).isEqualTo(42);
        assertThat(states.get(0).frame().path("source").asText()).isEqualTo("peer");
    }

    @Test
    void aRefusedTokenEndsWithClosedAnd401() throws Exception {
        ServerProcess server = server("--auth-secret", Tokens.SECRET);
        RoomsClient client = client(RoomsClient.builder(ws(server.awaitPort())).token(() -> "not-a-token"));
        assertThatThrownBy(() -> get(client.connect())).isInstanceOf(ExecutionException.class);
        assertThat(client.status()).isEqualTo(Status.CLOSED);
        assertThat(client.closeReason().code()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsReplacedByTheSuppliersNextAndTheRoomIsResumed() throws Exception {
        ServerProcess server = server("--auth-secret", Tokens.SECRET);
        AtomicInteger asked = new AtomicInteger();
        // Tokens live 2 s until the room's join is acknowledged (on a loaded machine the first may end
        // before that, leaving nothing to resume), then 10 minutes.
        CompletableFuture<String> joinedAs = new CompletableFuture<>();
        RoomsClient client = client(RoomsClient.builder(ws(server.awaitPort())).token(() -> {
            asked.incrementAndGet();
            return Tokens.hs256(Tokens.claims("ada").expirationTime(Date.from(Instant.now().plusSeconds(joinedAs.isDone() ? 600 : 2))));
        }));
        Room room = client.room("tokens");
        get(client.connect());
        get(room.joined());
        joinedAs.complete(client.id());
        int before = asked.get();
        Await.until("the server closed with 4001 and the client came back with a new token", WAIT,
                () -> asked.get() > before && client.status() == Status.CONNECTED && room.recovered());
        assertThat(client.id()).as("the same member, resumed").isEqualTo(joinedAs.get());
        assertThat(get(room.request("move", 1)).path("action").asText()).isEqualTo("ack");
    }

    @Test
    void afterAServerRestartTheClientComesBackJoinsAgainAndSendsWhatItSaidWhileTheServerWasDown() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String[] flags = {"--port", Integer.toString(port), "--host", "127.0.0.1", "--db", "jdbc:h2:mem:restart"};
        ServerProcess first = ServerProcess.start(dir, Map.of(), flags);
        first.awaitPort();
        List<Status> statuses = new CopyOnWriteArrayList<>();
        RoomsClient client = client(RoomsClient.builder(ws(port)).backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)))
                .requestTimeout(Duration.ofSeconds(60)));
        client.onStatus(statuses::add);
        get(client.connect());
        Room room = client.room("restart");
        get(room.joined());
        first.terminate(); // SIGTERM: the server closes every socket with 1001
        assertThat(first.awaitExit(Duration.ofSeconds(20))).isZero();
        first.close();
        Await.until("the client is reconnecting", WAIT, () -> client.status() != Status.CONNECTED);
        java.util.concurrent.CompletableFuture<JsonNode> acked = room.request("paint", Map.of("cells", 7));

        ServerProcess second = ServerProcess.start(dir, Map.of(), flags);
        open.add(second);
        second.awaitPort();
        assertThat(acked.get(30, TimeUnit.SECONDS).path("action").asText()).as("kept while the server was down, then sent")
                .isEqualTo("ack");
        Await.until("the new server has what was said while it was down (its state, taken right after the ack)", WAIT,
                () -> roomNow(port).at("/state/cells").asInt() == 7);
        assertThat(roomNow(port).path("members")).as("the client is in the room again").hasSize(1);
        assertThat(client.status()).isEqualTo(Status.CONNECTED);
        assertThat(room.recovered()).as("a restarted server has no session to resume").isFalse();
        assertThat(statuses).contains(Status.RECONNECTING, Status.CONNECTED);
    }

    private static JsonNode roomNow(int port) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms/restart")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeadPathIsFoundByThePingAndTheRoomResumesWithEveryMessageOnceIncludingOneSentDuringTheCut() throws Exception {
        ServerProcess server = server();
        try (FaultyProxy proxy = new FaultyProxy(server.awaitPort())) {
            RoomsClient cut = client(RoomsClient.builder(ws(proxy.port()))
                    .ping(Duration.ofMillis(300), Duration.ofMillis(300))
                    .connectTimeout(Duration.ofSeconds(1)) // a handshake into the silent path never ends
                    .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(400))));
            RoomsClient other = client(RoomsClient.builder(ws(server.awaitPort())));
            get(cut.connect());
            get(other.connect());
            Room cutRoom = cut.room("cut");
            Room otherRoom = other.room("cut");
            List<JsonNode> heardByCut = collect(cutRoom, "talkToRoom");
            List<JsonNode> heardByOther = collect(otherRoom, "talkToRoom");
            get(cutRoom.joined());
            get(otherRoom.joined());
            get(otherRoom.request("talkToRoom", 0));
            Await.until("the first message arrives", WAIT, () -> heardByCut.size() == 1);

            proxy.silent(true);
            cutRoom.talk("sent during the cut"); // written into a dead path: kept, and sent again
            for (int i = 1; i <= 5; i++) {
                get(otherRoom.request("talkToRoom", i));
            }
            Await.until("the ping finds the path dead", WAIT, () -> cut.status() != Status.CONNECTED);
            proxy.silent(false);
            Await.until("the client is back and has every message", WAIT,
                    () -> cut.status() == Status.CONNECTED && heardByCut.size() == 6 && heardByOther.size() == 1);
            assertThat(cutRoom.recovered()).isTrue();
            assertThat(heardByCut).extracting(JsonNode::asInt).containsExactly(0, 1, 2, 3, 4, 5);
            get(otherRoom.request("talkToRoom", "fence"));
            Await.until("the fence arrives", WAIT, () -> heardByCut.size() == 7);
            assertThat(heardByOther).extracting(JsonNode::asText).as("the message sent during the cut, once")
                    .containsExactly("sent during the cut");
        }
    }
}
