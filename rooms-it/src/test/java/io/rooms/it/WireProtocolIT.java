package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.server.ServerSettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of the contract's message tables, over real sockets against the real server. */
@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class WireProtocolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(ServerSettings.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void joiningGivesIdNameColorAndMembersAndTellsTheOthers() {
        try (WsProbe alice = server.client(); WsProbe bob = server.client()) {
            JsonNode aliceJoined = alice.join("wire-join");
            JsonNode bobJoined = bob.join("wire-join");
            assertThat(bobJoined.get("id").asText()).isNotEqualTo(aliceJoined.get("id").asText());
            assertThat(bobJoined.get("members").findValuesAsText("id"))
                    .containsExactly(aliceJoined.get("id").asText(), bobJoined.get("id").asText());
            assertThat(bobJoined.get("name").asText()).isNotBlank();
            assertThat(bobJoined.get("color").asText()).startsWith("#");
            JsonNode announced = alice.await("memberJoined");
            assertThat(announced.get("id").asText()).isEqualTo(bobJoined.get("id").asText());
            assertThat(announced.get("room").asText()).isEqualTo("wire-join");
            bob.send("{\"action\":\"leave\"}");
            assertThat(alice.await("memberLeft").get("id").asText()).isEqualTo(bobJoined.get("id").asText());
        }
    }

    @Test
    void talkToRoomAndAppActionsReachTheOthersWithFromAndDataAsSent() {
        try (WsProbe alice = server.client(); WsProbe bob = server.joined("wire-talk");
                WsProbe stranger = server.joined("wire-elsewhere")) {
            String aliceId = alice.join("wire-talk").get("id").asText();
            alice.send("{\"action\":\"talkToRoom\",\"data\":{\"text\":\"hello\",\"n\":[1,2.5]}}");
            JsonNode talk = bob.await("talkToRoom");
            assertThat(talk.get("from").asText()).isEqualTo(aliceId);
            assertThat(talk.get("room").asText()).isEqualTo("wire-talk");
            assertThat(talk.get("data").toString()).isEqualTo("{\"text\":\"hello\",\"n\":[1,2.5]}");
            alice.send("{\"action\":\"move\",\"data\":{\"word\":\"sky\",\"x\":3}}");
            JsonNode move = bob.await("move");
            assertThat(move.get("data").get("word").asText()).isEqualTo("sky");
            assertThat(move.get("from").asText()).isEqualTo(aliceId);
            alice.send("{\"action\":\"echo\",\"data\":\"fence\"}");
            assertThat(alice.until(WsProbe.frame("echo", "fence")).anyBefore("talkToRoom")).as("alice hears herself")
                    .isFalse();
            alice.send("{\"action\":\"newClient\",\"room\":\"wire-elsewhere\"}");
            alice.send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}"); // after hers in wire-talk
            WsProbe.Fenced elsewhere = stranger.until(WsProbe.frame("talkToRoom", "fence"));
            assertThat(elsewhere.anyBefore("talkToRoom") || elsewhere.anyBefore("move")).as("%s", elsewhere.before())
                    .isFalse();
        }
    }

    @Test
    void aForgedRoomNeverReachesThatRoom() {
        try (WsProbe mallory = server.joined("wire-forge-a"); WsProbe friend = server.joined("wire-forge-a");
                WsProbe victim = server.joined("wire-forge-b")) {
            mallory.send("{\"action\":\"talkToRoom\",\"room\":\"wire-forge-b\",\"data\":\"forged\"}");
            assertThat(friend.await("talkToRoom").get("room").asText()).isEqualTo("wire-forge-a");
            mallory.send("{\"action\":\"newClient\",\"room\":\"wire-forge-b\"}");
            mallory.send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}"); // after the forged one
            assertThat(victim.until(WsProbe.frame("talkToRoom", "fence")).anyBefore("talkToRoom")).isFalse();
        }
    }

    @Test
    void compressionIsNotNegotiatedSoABroadcastIsEncodedOnce() throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.addExtensions("permessage-deflate");
            Session session = client.connect(new Session.Listener.AutoDemanding() { }, server.ws(), request)
                    .get(10, TimeUnit.SECONDS);
            assertThat(session.getUpgradeResponse().getExtensions()).isEmpty();
            session.close();
        } finally {
            client.stop();
        }
    }

    @Test
    void echoAnswersTheSenderEvenBeforeJoining() {
        try (WsProbe client = server.client()) {
            client.send("{\"action\":\"echo\",\"data\":{\"t\":123}}");
            assertThat(client.await("echo").get("data").get("t").asInt()).isEqualTo(123);
        }
    }

    @Test
    void aMessageWithToReachesOnlyThatMemberAndAnUnknownToIsNoSuchMember() {
        try (WsProbe alice = server.joined("wire-to"); WsProbe bob = server.joined("wire-to");
                WsProbe carol = server.client()) {
            String carolId = carol.join("wire-to").get("id").asText();
            alice.send("{\"action\":\"talkToRoom\",\"to\":\"" + carolId + "\",\"data\":\"psst\"}");
            assertThat(carol.await("talkToRoom").get("data").asText()).isEqualTo("psst");
            alice.send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}"); // to all, after the psst
            assertThat(bob.until(WsProbe.frame("talkToRoom", "fence")).anyBefore("talkToRoom")).isFalse();
            alice.send("{\"action\":\"poke\",\"to\":\"nobody\",\"data\":1}");
            assertThat(alice.awaitError()).isEqualTo("no_such_member");
        }
    }

    @Test
    void eachKindOfBadInputGetsItsErrorCodeAndTheConnectionStays() {
        try (WsProbe client = server.client()) {
            client.send("this is not json");
            assertThat(client.awaitError()).isEqualTo("bad_json");
            client.send("[\"an array\"]");
            assertThat(client.awaitError()).isEqualTo("bad_message");
            client.send("{\"action\":\"\"}");
            assertThat(client.awaitError()).isEqualTo("bad_message");
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitError()).isEqualTo("bad_message");
            client.send("{\"action\":\"newClient\",\"room\":\"no spaces allowed\"}");
            assertThat(client.awaitError()).isEqualTo("bad_room");
            client.send("{\"action\":\"talkToRoom\",\"data\":1}");
            assertThat(client.awaitError()).isEqualTo("not_in_room");
            client.send("{\"action\":\"echo\",\"data\":\"alive\"}");
            assertThat(client.await("echo").get("data").asText()).isEqualTo("alive");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void errorsCarryAMessageForAPersonAndNoStackTrace() {
        try (WsProbe client = server.client()) {
            client.send("{\"action\":");
            JsonNode error = client.await("error");
            assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void activityOrderShowsInTheRoomApi() throws Exception {
        try (WsProbe a = server.client(); WsProbe b = server.client(); WsProbe c = server.client()) {
            String aId = a.join("wire-order").get("id").asText();
            String bId = b.join("wire-order").get("id").asText();
            String cId = c.join("wire-order").get("id").asText();
            b.send("{\"action\":\"talkToRoom\",\"data\":1}");
            a.await("talkToRoom");
            c.send("{\"action\":\"talkToRoom\",\"data\":2}");
            a.await("talkToRoom");
            JsonNode room = JSON.readTree(server.get("/api/rooms/wire-order").body());
            assertThat(room.get("members").findValuesAsText("id")).containsExactly(cId, bId, aId);
        }
    }

    @Test
    void aNewcomerGetsTheStateFromTheMostActiveMember() {
        try (WsProbe veteran = server.joined("wire-state"); WsProbe newcomer = server.client()) {
            veteran.send("{\"action\":\"move\",\"data\":{\"board\":\"v1\"}}");
            String newcomerId = newcomer.join("wire-state").get("id").asText();
            JsonNode request = veteran.await("requestState");
            assertThat(request.get("for").asText()).isEqualTo(newcomerId);
            veteran.send("{\"action\":\"state\",\"for\":\"" + newcomerId + "\",\"data\":{\"board\":\"v2\"}}");
            JsonNode state = newcomer.await("state");
            assertThat(state.get("source").asText()).isEqualTo("peer");
            assertThat(state.get("data").get("board").asText()).isEqualTo("v2");
        }
    }

    @Test
    void withoutAnAnswerTheNewcomerGetsTheSavedStateAfterTheTimeout() {
        try (TestServer quick = new TestServer(ServerSettings.fromFlags("--state-timeout-ms", "200"));
                WsProbe silent = quick.joined("wire-store"); WsProbe newcomer = quick.client()) {
            silent.send("{\"action\":\"move\",\"data\":{\"board\":\"saved\"}}");
            newcomer.join("wire-store");
            silent.await("requestState");
            JsonNode state = newcomer.await("state");
            assertThat(state.get("source").asText()).isEqualTo("store");
            assertThat(state.get("data").get("board").asText()).isEqualTo("saved");
        }
    }

    @Test
    void aFullRoomAnswersRoomFullAndAFreedSeatCanBeTaken() {
        try (TestServer small = new TestServer(ServerSettings.fromFlags("--max-room-size", "2")); WsProbe a = small.joined("wire-full");
                WsProbe b = small.joined("wire-full"); WsProbe c = small.client()) {
            c.send("{\"action\":\"newClient\",\"room\":\"wire-full\"}");
            JsonNode full = c.await("roomFull");
            assertThat(full.get("max").asInt()).isEqualTo(2);
            c.send("{\"action\":\"talkToRoom\",\"data\":1}");
            assertThat(c.awaitError()).isEqualTo("not_in_room");
            b.send("{\"action\":\"leave\"}");
            a.await("memberLeft");
            assertThat(c.join("wire-full").get("members")).hasSize(2);
        }
    }

    @Test
    void pastTheRoomCapANewRoomIsRoomLimit() {
        try (TestServer capped = new TestServer(ServerSettings.fromFlags("--max-rooms", "1")); WsProbe a = capped.joined("wire-cap-1");
                WsProbe b = capped.client()) {
            b.send("{\"action\":\"newClient\",\"room\":\"wire-cap-2\"}");
            assertThat(b.awaitError()).isEqualTo("room_limit");
            assertThat(b.join("wire-cap-1").get("members")).hasSize(2);
        }
    }

    @Test
    void overTheRateLimitMessagesAreDroppedWithRateLimited() {
        try (TestServer limited = new TestServer(ServerSettings.fromFlags("--max-messages-per-second", "5")); WsProbe flooder = limited.joined("wire-rate");
                WsProbe listener = limited.joined("wire-rate")) {
            for (int i = 0; i < 30; i++) {
                flooder.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
            }
            assertThat(flooder.awaitError()).isEqualTo("rate_limited");
            List<JsonNode> got = listener.drain();
            assertThat(got.stream().filter(f -> f.path("action").asText().equals("talkToRoom")).count())
                    .isLessThan(30);
        }
    }
}
