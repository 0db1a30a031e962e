package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Part three of the contract: one connection in several rooms, on fake time. */
class ManyRoomsTest {
    private final Harness harness = new Harness(RoomsEngine.builder()
            .settings(EngineSettings.DEFAULTS.withMaxRoomsPerConnection(3)));

    private static String join(String room) {
        return "{\"action\":\"join\",\"room\":\"" + room + "\"}";
    }

    private static JsonNode joinedIn(TestClient client, String room) {
        return client.framesOf("joined").stream().filter(f -> f.path("room").asText().equals(room)).findFirst()
                .orElseThrow(() -> new AssertionError("no joined for " + room + ": " + client.frames()));
    }

    @Test
    void joinAddsARoomAndTheClientStaysInTheOthersUnderOneIdAndOneSession() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        JsonNode inA = joinedIn(ann, "a");
        JsonNode inB = joinedIn(ann, "b");
        assertThat(inB.get("id").asText()).isEqualTo(inA.get("id").asText()).isEqualTo(ann.id());
        assertThat(inB.get("session").asText()).isEqualTo(inA.get("session").asText());
        assertThat(inB.get("name").asText()).isEqualTo(inA.get("name").asText());
        assertThat(harness.engine.rooms().toCompletableFuture().join()).hasSize(2);
    }

    @Test
    void inSeveralRoomsAMessageMustNameOneOfThemAndReachesThatRoomOnly() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        TestClient inA = harness.joined("a");
        TestClient inB = harness.joined("b");
        ann.clear();
        inA.clear();
        inB.clear();

        ann.send("{\"action\":\"talkToRoom\",\"data\":\"nowhere\"}");
        assertThat(ann.lastErrorCode()).isEqualTo("bad_room");
        ann.send("{\"action\":\"talkToRoom\",\"room\":\"c\",\"data\":\"elsewhere\"}");
        assertThat(ann.lastErrorCode()).isEqualTo("not_in_room");
        ann.send("{\"action\":\"talkToRoom\",\"room\":\"b\",\"data\":\"for b\"}");

        assertThat(inA.framesOf("talkToRoom")).isEmpty();
        assertThat(inB.last("talkToRoom").get("data").asText()).isEqualTo("for b");
        assertThat(inB.last("talkToRoom").get("room").asText()).isEqualTo("b");
    }

    @Test
    void inOneRoomTheMessagesRoomIsIgnoredAsInPartOne() {
        TestClient ann = harness.joined("a");
        TestClient bob = harness.joined("a");
        bob.clear();
        ann.send("{\"action\":\"talkToRoom\",\"room\":\"not-this-one\",\"data\":\"hi\"}");
        assertThat(bob.last("talkToRoom").get("data").asText()).isEqualTo("hi");
    }

    @Test
    void aJoinPastTheCapIsTooManyRoomsAndChangesNothing() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        ann.send(join("c"));
        ann.clear();
        ann.send(join("d"));
        assertThat(ann.lastErrorCode()).isEqualTo("too_many_rooms");
        assertThat(ann.last("error").get("room").asText()).as("the refused join's room").isEqualTo("d");
        assertThat(harness.engine.rooms().toCompletableFuture().join()).extracting(r -> r.room())
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aRefusedJoinKeepsTheOtherRooms() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("no spaces"));
        assertThat(ann.lastErrorCode()).isEqualTo("bad_room");
        assertThat(ann.last("error").get("room").asText()).as("named as the join gave it").isEqualTo("no spaces");
        TestClient bob = harness.joined("a");
        bob.clear();
        ann.send("{\"action\":\"talkToRoom\",\"data\":\"still here\"}");
        assertThat(bob.last("talkToRoom").get("data").asText()).isEqualTo("still here");
    }

    @Test
    void leaveWithARoomLeavesThatOneAndWithoutLeavesAll() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        ann.send(join("c"));
        TestClient inA = harness.joined("a");
        inA.clear();
        ann.send("{\"action\":\"leave\",\"room\":\"a\"}");
        assertThat(inA.last("memberLeft").get("id").asText()).isEqualTo(ann.id());
        assertThat(harness.engine.rooms().toCompletableFuture().join()).extracting(r -> r.room())
                .containsExactlyInAnyOrder("a", "b", "c");
        ann.send("{\"action\":\"leave\",\"room\":\"a\"}");
        assertThat(ann.lastErrorCode()).isEqualTo("not_in_room");
        ann.send("{\"action\":\"leave\"}");
        assertThat(harness.engine.rooms().toCompletableFuture().join()).extracting(r -> r.room())
                .containsExactly("a");
    }

    @Test
    void newClientLeavesEveryRoomThenJoinsOne() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        ann.join("c");
        assertThat(harness.engine.rooms().toCompletableFuture().join()).extracting(r -> r.room())
                .containsExactly("c");
    }

    @Test
    void whenTheConnectionEndsEveryRoomHearsMemberLeftAndNoGhostStays() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        TestClient inA = harness.joined("a");
        TestClient inB = harness.joined("b");
        inA.clear();
        inB.clear();
        ann.listener.onClose(1006, "");
        assertThat(inA.last("memberLeft").get("id").asText()).isEqualTo(ann.id());
        assertThat(inB.last("memberLeft").get("id").asText()).isEqualTo(ann.id());
        assertThat(harness.engine.room("a").toCompletableFuture().join().orElseThrow().members())
                .extracting(m -> m.id()).containsExactly(inA.id());
        assertThat(harness.engine.room("b").toCompletableFuture().join().orElseThrow().members())
                .extracting(m -> m.id()).containsExactly(inB.id());
    }

    @Test
    void activityIsPerRoom() {
        TestClient ann = harness.connect();
        TestClient bob = harness.connect();
        ann.send(join("a"));
        bob.send(join("a"));
        ann.send(join("b"));
        bob.send(join("b"));
        bob.send("{\"action\":\"talkToRoom\",\"room\":\"a\",\"data\":{\"x\":1}}");
        assertThat(harness.engine.room("a").toCompletableFuture().join().orElseThrow().members())
                .extracting(m -> m.id()).first().isEqualTo(bob.id());
        assertThat(harness.engine.room("b").toCompletableFuture().join().orElseThrow().members())
                .extracting(m -> m.id()).first().isEqualTo(ann.id());
    }

    @Test
    void afterACutEachRoomIsResumedWithItsOwnJoinAndGetsExactlyWhatItMissedThere() {
        TestClient goes = harness.connect();
        goes.send(join("a"));
        goes.send(join("b"));
        JsonNode inA = joinedIn(goes, "a");
        JsonNode inB = joinedIn(goes, "b");
        TestClient stayA = harness.joined("a");
        TestClient stayB = harness.joined("b");
        goes.listener.onClose(1006, "cut");
        stayA.send("{\"action\":\"talkToRoom\",\"data\":\"missed in a\"}");
        stayB.send("{\"action\":\"talkToRoom\",\"data\":\"missed in b\"}");

        TestClient back = harness.connect();
        String session = inA.get("session").asText();
        back.send("{\"action\":\"newClient\",\"room\":\"a\",\"resume\":{\"session\":\"" + session
                + "\",\"seq\":" + inA.get("seq").asLong() + "}}");
        back.send("{\"action\":\"join\",\"room\":\"b\",\"resume\":{\"session\":\"" + session
                + "\",\"seq\":" + inB.get("seq").asLong() + "}}");
        back.send("{\"action\":\"join\",\"room\":\"c\",\"resume\":{\"session\":\"" + session
                + "\",\"seq\":1}}");

        JsonNode againA = joinedIn(back, "a");
        JsonNode againB = joinedIn(back, "b");
        JsonNode inC = joinedIn(back, "c");
        assertThat(againA.get("recovered").asBoolean()).isTrue();
        assertThat(againB.get("recovered").asBoolean()).isTrue();
        assertThat(inC.get("recovered").asBoolean()).as("a room the session was never in").isFalse();
        assertThat(againA.get("id").asText()).isEqualTo(inA.get("id").asText());
        assertThat(againB.get("id").asText()).isEqualTo(inA.get("id").asText());
        assertThat(inC.get("id").asText()).as("an ordinary join under the session's id").isEqualTo(inA.get("id").asText());
        assertThat(againB.get("session").asText()).isEqualTo(session);
        assertThat(back.framesOf("talkToRoom")).extracting(f -> f.get("room").asText() + ":" + f.get("data").asText())
                .containsExactly("a:missed in a", "b:missed in b");
    }

    @Test
    void inSeveralRoomsAnErrorCausedByAMessageInARoomCarriesThatRoomAndInOneItDoesNot() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send("{\"action\":\"talkToRoom\",\"to\":\"n1-nobody\",\"data\":1}");
        assertThat(ann.last("error").get("code").asText()).isEqualTo("no_such_member");
        assertThat(ann.last("error").has("room")).as("in one room, as in part one").isFalse();
        ann.send(join("b"));
        ann.send("{\"action\":\"talkToRoom\",\"room\":\"b\",\"to\":\"n1-nobody\",\"data\":1}");
        assertThat(ann.last("error").get("code").asText()).isEqualTo("no_such_member");
        assertThat(ann.last("error").get("room").asText()).isEqualTo("b");
    }
}
