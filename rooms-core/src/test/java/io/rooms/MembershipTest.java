package io.rooms;

import io.rooms.spi.RoomSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembershipTest {
    private final Harness harness = new Harness();

    @Test
    void joinerGetsItsIdNameColorAndTheMembers() {
        TestClient alice = harness.joined("lobby");
        TestClient bob = harness.connect();
        JsonNode joined = bob.join("lobby");
        assertThat(joined.get("room").asText()).isEqualTo("lobby");
        assertThat(joined.get("id").asText()).isEqualTo(bob.id());
        assertThat(joined.get("name").asText()).isNotBlank();
        assertThat(joined.get("color").asText()).matches("#[0-9a-f]{6}");
        assertThat(joined.get("members").findValuesAsText("id")).containsExactly(alice.id(), bob.id());
    }

    @Test
    void othersHearOfTheNewcomer() {
        TestClient alice = harness.joined("lobby");
        alice.clear();
        TestClient bob = harness.joined("lobby");
        JsonNode announced = alice.last("memberJoined");
        assertThat(announced.get("id").asText()).isEqualTo(bob.id());
        assertThat(announced.get("room").asText()).isEqualTo("lobby");
        assertThat(announced.has("name") && announced.has("color")).isTrue();
        assertThat(bob.framesOf("memberJoined")).isEmpty();
    }

    @Test
    void everyClientGetsADifferentId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ids.add(harness.connect().id());
        }
        assertThat(ids).hasSize(500);
    }

    @Test
    void joiningAnotherRoomLeavesTheFirst() {
        TestClient alice = harness.joined("a");
        TestClient bob = harness.joined("a");
        bob.clear();
        alice.join("b");
        assertThat(bob.last("memberLeft").get("id").asText()).isEqualTo(alice.id());
        assertThat(harness.engine.rooms().toCompletableFuture().join()).containsExactlyInAnyOrder(new RoomSummary("a", 1), new RoomSummary("b", 1));
    }

    @Test
    void joiningTheSameRoomAgainRepeatsJoinedWithoutPresenceNoise() {
        TestClient alice = harness.joined("a");
        TestClient bob = harness.joined("a");
        alice.clear();
        JsonNode again = bob.join("a");
        assertThat(again.get("members").findValuesAsText("id")).containsExactly(alice.id(), bob.id());
        assertThat(alice.frames()).isEmpty();
    }

    @Test
    void invalidRoomNamesAreRefused() {
        TestClient client = harness.connect();
        for (String message : new String[] {"{\"action\":\"newClient\"}", "{\"action\":\"newClient\",\"room\":\"\"}",
                "{\"action\":\"newClient\",\"room\":\"has space\"}",
                "{\"action\":\"newClient\",\"room\":\"" + "x".repeat(65) + "\"}"}) {
            client.clear();
            client.send(message);
            assertThat(client.lastErrorCode()).as(message).isEqualTo("bad_room");
        }
        assertThat(harness.engine.rooms().toCompletableFuture().join()).isEmpty();
        assertThat(harness.engine.stats().errors(ErrorCode.BAD_ROOM)).isEqualTo(4);
    }

    @Test
    void aClientMayChooseItsNameAndColor() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"r\",\"data\":{\"name\":\"Ada\",\"color\":\"#123abc\"}}");
        JsonNode joined = client.last("joined");
        assertThat(joined.get("name").asText()).isEqualTo("Ada");
        assertThat(joined.get("color").asText()).isEqualTo("#123abc");
        TestClient other = harness.connect();
        other.send("{\"action\":\"newClient\",\"room\":\"r\",\"data\":{\"color\":\"red\"}}");
        assertThat(other.lastErrorCode()).isEqualTo("bad_message");
        assertThat(other.last("joined")).isNull();
    }

    @Test
    void leavingTellsTheRoomAndKeepsTheConnection() {
        TestClient alice = harness.joined("a");
        TestClient bob = harness.joined("a");
        bob.clear();
        alice.send("{\"action\":\"leave\"}");
        assertThat(bob.last("memberLeft").get("id").asText()).isEqualTo(alice.id());
        assertThat(alice.connection.isOpen()).isTrue();
        alice.send("{\"action\":\"talkToRoom\",\"data\":1}");
        assertThat(alice.lastErrorCode()).isEqualTo("not_in_room");
        alice.send("{\"action\":\"echo\",\"data\":\"still here\"}");
        assertThat(alice.last("echo").get("data").asText()).isEqualTo("still here");
    }

    @Test
    void leavingWhenInNoRoomIsNotInRoom() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"leave\"}");
        assertThat(client.lastErrorCode()).isEqualTo("not_in_room");
    }

    @Test
    void aDisconnectIsAMemberLeft() {
        TestClient alice = harness.joined("a");
        TestClient bob = harness.joined("a");
        bob.clear();
        alice.listener.onClose(1006, "gone");
        assertThat(bob.last("memberLeft").get("id").asText()).isEqualTo(alice.id());
        assertThat(harness.engine.rooms().toCompletableFuture().join()).containsExactly(new RoomSummary("a", 1));
        assertThat(harness.engine.stats().connections()).isEqualTo(1);
    }

    @Test
    void roomsWithoutMembersAreRemovedSoChurnDoesNotGrowTheServer() {
        for (int i = 0; i < 2000; i++) {
            TestClient client = harness.joined("room-" + i);
            client.send("{\"action\":\"move\",\"data\":" + i + "}");
            if (i % 2 == 0) {
                client.send("{\"action\":\"leave\"}");
            }
            client.listener.onClose(1000, "bye");
        }
        assertThat(harness.engine.rooms().toCompletableFuture().join()).isEmpty();
        assertThat(harness.engine.stats().rooms()).isZero();
        assertThat(harness.engine.stats().connections()).isZero();
        assertThat(harness.scheduler.pendingTasks()).as("only the heartbeat and the resume window's sweep are left")
                .isEqualTo(2);
        assertThat(harness.store.writes()).hasSize(2000);
    }

    @Test
    void aFullRoomAnswersRoomFullAndTheJoinerStaysInNoRoom() {
        Harness small = new Harness(EngineSettings.DEFAULTS.withMaxRoomSize(2));
        small.joined("r");
        TestClient second = small.joined("r");
        TestClient third = small.connect();
        third.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        JsonNode full = third.last("roomFull");
        assertThat(full.get("room").asText()).isEqualTo("r");
        assertThat(full.get("max").asInt()).isEqualTo(2);
        assertThat(third.connection.isOpen()).isTrue();
        third.send("{\"action\":\"talkToRoom\",\"data\":1}");
        assertThat(third.lastErrorCode()).isEqualTo("not_in_room");

        second.send("{\"action\":\"leave\"}");
        assertThat(third.join("r").get("members")).hasSize(2);
    }

    @Test
    void pastTheRoomLimitANewRoomAnswersRoomLimit() {
        Harness limited = new Harness(EngineSettings.DEFAULTS.withMaxRooms(2));
        limited.joined("a");
        limited.joined("b");
        TestClient client = limited.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"c\"}");
        assertThat(client.lastErrorCode()).isEqualTo("room_limit");
        assertThat(client.join("a").get("room").asText()).isEqualTo("a");
    }

    @Test
    void aClientDroppedWhileItsJoinIsOnItsWayNeverBecomesAMember() {
        TestClient client = harness.joined("a");
        client.send("{\"action\":\"move\",\"data\":1}");
        // Leaving "a" empties it, so its state is written at once; the store drops the client right then.
        harness.store.duringNextSave = () -> client.listener.onClose(1006, "dropped");
        client.send("{\"action\":\"newClient\",\"room\":\"b\"}");

        assertThat(harness.engine.stats().connections()).isZero();
        assertThat(harness.engine.room("b").toCompletableFuture().join()).isEmpty();
        assertThat(harness.engine.rooms().toCompletableFuture().join()).isEmpty();
        assertThat(harness.engine.stats().rooms()).isZero();
    }
}
