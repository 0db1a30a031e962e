package io.rooms;

import io.rooms.spi.Identity;
import io.rooms.spi.RoomSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Room numbers, resuming a session with exactly what was missed, acknowledgements and de-duplication. */
class ResumeTest {
    private final Harness harness = new Harness(RoomsEngine.builder()
            .resume(ResumeSettings.DEFAULTS.withHistorySize(50).withWindow(Duration.ofSeconds(60))));

    private static String resume(String room, JsonNode joined, long seq) {
        return "{\"action\":\"newClient\",\"room\":\"" + room + "\",\"resume\":{\"session\":\""
                + joined.get("session").asText() + "\",\"seq\":" + seq + "}}";
    }

    private long recoveries(Recovery outcome) {
        return harness.engine.stats().recoveries(outcome);
    }

    @Test
    void roomMessagesCarryTheRoomsNumberOneMoreEachTimeTheSameForEveryRecipient() {
        TestClient a = harness.joined("r");
        TestClient b = harness.joined("r");
        TestClient c = harness.connect();
        JsonNode joined = c.join("r");
        long start = joined.get("seq").asLong();
        assertThat(joined.get("session").asText()).hasSize(22);
        assertThat(joined.get("recovered").asBoolean()).isFalse();
        a.clear();
        b.clear();
        a.send("{\"action\":\"talkToRoom\",\"data\":1}");
        b.send("{\"action\":\"move\",\"data\":2}");
        a.send("{\"action\":\"talkToRoom\",\"to\":\"" + b.id() + "\",\"data\":\"direct\"}");
        List<Long> seen = c.frames().stream().filter(f -> f.has("seq")).map(f -> f.get("seq").asLong()).toList();
        assertThat(seen).as("its joined, then one more for each room message, with no gap for the state hand-off")
                .containsExactly(start, start + 1, start + 2);
        assertThat(b.framesOf("talkToRoom").get(0).get("seq").asLong()).isEqualTo(start + 1);
        assertThat(b.framesOf("talkToRoom").get(1).has("seq")).as("a direct message has none").isFalse();
    }

    @Test
    void aResumedMemberKeepsItsIdNameAndColorAndGetsExactlyWhatItMissedInOrder() {
        TestClient stays = harness.joined("r");
        TestClient goes = harness.connect();
        JsonNode joined = goes.join("r");
        long lastSeen = joined.get("seq").asLong();
        goes.send("{\"action\":\"talkToRoom\",\"data\":\"mine\"}");
        goes.listener.onClose(1006, "cut");
        for (int i = 0; i < 20; i++) {
            stays.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
        }
        TestClient third = harness.joined("r");
        stays.clear();

        TestClient back = harness.connect();
        back.send(resume("r", joined, lastSeen));

        JsonNode rejoined = back.last("joined");
        assertThat(rejoined.get("recovered").asBoolean()).isTrue();
        assertThat(rejoined.get("id").asText()).isEqualTo(joined.get("id").asText());
        assertThat(rejoined.get("name").asText()).isEqualTo(joined.get("name").asText());
        assertThat(rejoined.get("color").asText()).isEqualTo(joined.get("color").asText());
        assertThat(rejoined.get("session").asText()).isEqualTo(joined.get("session").asText());
        List<JsonNode> after = back.frames().subList(1, back.frames().size());
        assertThat(after).extracting(f -> f.get("action").asText())
                .as("its own message and its own leaving are not replayed")
                .containsExactly(java.util.stream.Stream.concat(
                        java.util.stream.Stream.generate(() -> "talkToRoom").limit(20),
                        java.util.stream.Stream.of("memberJoined")).toArray(String[]::new));
        assertThat(after.subList(0, 20)).extracting(f -> f.get("data").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(after.get(20).get("id").asText()).isEqualTo(third.id());
        assertThat(back.framesOf("state")).isEmpty();
        assertThat(stays.framesOf("requestState")).as("no hand-off for a resumed member").isEmpty();
        assertThat(stays.last("memberJoined").get("id").asText()).isEqualTo(joined.get("id").asText());
        assertThat(recoveries(Recovery.RECOVERED)).isEqualTo(1);
        assertThat(harness.engine.stats().replayed()).isEqualTo(21);

        stays.send("{\"action\":\"talkToRoom\",\"data\":\"live again\"}");
        assertThat(back.last("talkToRoom").get("data").asText()).isEqualTo("live again");
    }

    @Test
    void aSessionEndedLongerThanTheWindowAgoIsAnOrdinaryJoin() {
        TestClient other = harness.joined("r");
        TestClient goes = harness.connect();
        JsonNode joined = goes.join("r");
        goes.listener.onClose(1006, "cut");
        harness.advance(Duration.ofSeconds(60));
        other.send("{\"action\":\"ping\"}"); // keeps the other member alive; not activity, not relayed

        TestClient back = harness.connect();
        back.send(resume("r", joined, joined.get("seq").asLong()));
        JsonNode rejoined = back.last("joined");
        assertThat(rejoined.get("recovered").asBoolean()).isFalse();
        assertThat(rejoined.get("id").asText()).isNotEqualTo(joined.get("id").asText());
        assertThat(recoveries(Recovery.EXPIRED)).isEqualTo(1);
    }

    @Test
    void aClientTooFarBehindGetsAnOrdinaryJoinNeverAPartialReplay() {
        TestClient stays = harness.joined("r");
        TestClient goes = harness.connect();
        JsonNode joined = goes.join("r");
        goes.listener.onClose(1006, "cut");
        for (int i = 0; i < 60; i++) {
            stays.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
        }
        TestClient back = harness.connect();
        back.send(resume("r", joined, joined.get("seq").asLong()));
        assertThat(back.last("joined").get("recovered").asBoolean()).isFalse();
        assertThat(back.framesOf("talkToRoom")).isEmpty();
        assertThat(recoveries(Recovery.TOO_FAR_BEHIND)).isEqualTo(1);
    }

    @Test
    void anUnknownSessionAnotherRoomsOrAnotherUsersIsAnOrdinaryJoin() {
        TestClient ann = harness.connect(Identity.of("ann", null));
        JsonNode joined = ann.join("r");
        ann.listener.onClose(1006, "cut");
        long seq = joined.get("seq").asLong();

        TestClient mallory = harness.connect(Identity.of("mallory", null));
        mallory.send(resume("r", joined, seq));
        assertThat(mallory.last("joined").get("id").asText()).isNotEqualTo(joined.get("id").asText());
        TestClient elsewhere = harness.connect(Identity.of("ann", null));
        elsewhere.send(resume("q", joined, seq));
        assertThat(elsewhere.last("joined").get("recovered").asBoolean()).isFalse();
        TestClient made = harness.connect();
        made.send("{\"action\":\"newClient\",\"room\":\"r\",\"resume\":{\"session\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"seq\":1}}");
        assertThat(made.last("joined").get("recovered").asBoolean()).isFalse();
        assertThat(recoveries(Recovery.UNKNOWN_SESSION)).isEqualTo(3);

        TestClient annBack = harness.connect(Identity.of("ann", null));
        annBack.send(resume("r", joined, seq));
        assertThat(annBack.last("joined").get("recovered").asBoolean()).as("the same user may").isTrue();
    }

    @Test
    void resumingASessionWhoseConnectionIsNotYetSeenDeadTakesItsPlace() {
        TestClient other = harness.joined("r");
        TestClient halfOpen = harness.connect();
        JsonNode joined = halfOpen.join("r");
        other.clear();

        TestClient back = harness.connect();
        back.send(resume("r", joined, joined.get("seq").asLong()));

        assertThat(halfOpen.connection.closeCode()).isEqualTo(1001);
        assertThat(back.last("joined").get("recovered").asBoolean()).isTrue();
        assertThat(other.framesOf("memberLeft")).hasSize(1);
        assertThat(other.last("memberJoined").get("id").asText()).isEqualTo(joined.get("id").asText());
        assertThat(harness.engine.rooms().toCompletableFuture().join()).containsExactly(new RoomSummary("r", 2));
    }

    @Test
    void aMessageWithARefIsAcknowledgedAndOneResentAfterAResumeIsNotDeliveredTwice() {
        TestClient stays = harness.joined("r");
        TestClient goes = harness.connect();
        JsonNode joined = goes.join("r");
        goes.send("{\"action\":\"talkToRoom\",\"data\":\"once\",\"ref\":\"m-1\"}");
        assertThat(goes.last("ack").get("ref").asText()).isEqualTo("m-1");
        long seen = stays.last("talkToRoom").get("seq").asLong();
        goes.listener.onClose(1006, "cut before the ack arrived");

        TestClient back = harness.connect();
        back.send(resume("r", joined, seen));
        back.send("{\"action\":\"talkToRoom\",\"data\":\"once\",\"ref\":\"m-1\"}");
        back.send("{\"action\":\"talkToRoom\",\"data\":\"twice\",\"ref\":7}");

        assertThat(back.framesOf("ack")).extracting(f -> f.get("ref").toString()).containsExactly("\"m-1\"", "7");
        assertThat(stays.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("once", "twice");
    }

    @Test
    void aRefusedMessageGetsItsErrorWithTheRefAndNoAckAndPingIsAnsweredAtOnce() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"ping\"}");
        assertThat(client.last("pong")).isNotNull();
        client.send("{\"action\":\"talkToRoom\",\"data\":1,\"ref\":\"r-1\"}");
        JsonNode error = client.last("error");
        assertThat(error.get("code").asText()).isEqualTo("not_in_room");
        assertThat(error.get("ref").asText()).isEqualTo("r-1");
        assertThat(client.framesOf("ack")).isEmpty();
        client.join("r");
        client.send("{\"action\":\"talkToRoom\",\"data\":1,\"ref\":\"r-1\"}");
        assertThat(client.last("ack").get("ref").asText()).as("a refused ref may be used again").isEqualTo("r-1");
        client.send("{\"action\":\"talkToRoom\",\"data\":1,\"ref\":{\"no\":1}}");
        assertThat(client.lastErrorCode()).isEqualTo("bad_message");
        client.send("{\"action\":\"talkToRoom\",\"data\":1,\"ref\":\"" + "x".repeat(65) + "\"}");
        assertThat(client.lastErrorCode()).isEqualTo("bad_message");
    }
}
