package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.spi.MemberInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Presence on fake time: set and cleared as room events, paced to one update per 100 ms per
 * membership with the latest always sent, refused when it is not a small JSON object, neither
 * activity nor state, and gone with the membership.
 */
class PresenceTest {
    private final Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxPresenceBytes(64));

    private static String presence(String room, String data) {
        return "{\"action\":\"presence\",\"room\":\"" + room + "\",\"data\":" + data + "}";
    }

    private List<MemberInfo> members(String room) {
        return harness.engine.room(room).toCompletableFuture().join().orElseThrow().members();
    }

    @Test
    void aPresenceReachesTheOthersNumberedAndTheListsCarryItUntilCleared() {
        TestClient ann = harness.joined("r");
        TestClient bob = harness.joined("r");
        long joined = bob.last("joined").get("seq").asLong();
        ann.clear();
        bob.clear();

        bob.send(presence("r", "{\"typing\":true}"));
        JsonNode updated = ann.last("memberUpdated");
        assertThat(updated.get("room").asText()).isEqualTo("r");
        assertThat(updated.get("id").asText()).isEqualTo(bob.id());
        assertThat(updated.get("meta")).isEqualTo(TestClient.parse("{\"typing\":true}"));
        assertThat(updated.get("seq").asLong()).isEqualTo(joined + 1);
        assertThat(bob.framesOf("memberUpdated")).as("not to the one who set it").isEmpty();
        assertThat(members("r")).extracting(MemberInfo::meta).containsExactly(null, "{\"typing\":true}");

        TestClient cat = harness.connect();
        JsonNode catJoined = cat.join("r");
        assertThat(catJoined.at("/members/1/meta/typing").asBoolean()).as("a newcomer sees it").isTrue();
        assertThat(catJoined.at("/members/0").has("meta")).isFalse();

        harness.advance(Duration.ofMillis(100));
        bob.send(presence("r", "null"));
        assertThat(ann.last("memberUpdated").get("meta").isNull()).isTrue();
        assertThat(members("r")).extracting(MemberInfo::meta).containsOnlyNulls();
    }

    @Test
    void aBurstGoesOutAsItsFirstAndThenItsLatestWithinTheTurnAndTheLastIsNeverDropped() {
        TestClient ann = harness.joined("r");
        TestClient bob = harness.joined("r");
        ann.clear();
        for (int i = 1; i <= 5; i++) {
            bob.send(presence("r", "{\"x\":" + i + "}"));
            harness.advance(Duration.ofMillis(10));
        }
        assertThat(ann.framesOf("memberUpdated")).extracting(f -> f.at("/meta/x").asInt()).containsExactly(1);
        harness.advance(Duration.ofMillis(49)); // 99 ms after the first
        assertThat(ann.framesOf("memberUpdated")).hasSize(1);
        harness.advance(Duration.ofMillis(1));
        assertThat(ann.framesOf("memberUpdated")).extracting(f -> f.at("/meta/x").asInt()).containsExactly(1, 5);
        assertThat(harness.engine.stats().presenceUpdates(true)).as("2, 3 and 4 never went out").isEqualTo(3);
        assertThat(harness.engine.stats().presenceUpdates(false)).isEqualTo(2);

        harness.advance(Duration.ofMillis(100));
        bob.send(presence("r", "{\"x\":6}"));
        assertThat(ann.framesOf("memberUpdated")).as("after a quiet turn, at once").hasSize(3);
    }

    @Test
    void anythingButASmallObjectOrNullIsRefusedAndChangesNothing() {
        TestClient ann = harness.joined("r");
        TestClient bob = harness.joined("r");
        ann.clear();
        for (String bad : List.of("[1]", "\"busy\"", "3", "true")) {
            bob.send(presence("r", bad));
            assertThat(bob.lastErrorCode()).as(bad).isEqualTo("bad_message");
        }
        bob.send("{\"action\":\"presence\",\"room\":\"r\"}");
        assertThat(bob.lastErrorCode()).as("no data").isEqualTo("bad_message");
        bob.send(presence("r", "{\"s\":\"" + "é".repeat(29) + "\"}")); // 37 characters, 66 bytes
        assertThat(bob.lastErrorCode()).isEqualTo("too_large");
        bob.send(presence("r", "{\"s\":\"" + "e".repeat(56) + "\"}")); // 64 bytes: the limit
        assertThat(ann.framesOf("memberUpdated")).hasSize(1);
    }

    @Test
    void aPresenceIsNeitherActivityNorStateAndEndsWithTheMembership() {
        TestClient ann = harness.joined("r");
        TestClient bob = harness.joined("r");
        ann.send("{\"action\":\"move\",\"data\":{\"board\":1}}"); // ann leads
        bob.send(presence("r", "{\"dragging\":\"w1\"}"));
        assertThat(members("r")).extracting(MemberInfo::id).as("bob is not promoted").containsExactly(ann.id(), bob.id());
        harness.advance(Duration.ofSeconds(5));
        assertThat(harness.store.writes()).as("saved: the move, never the presence").isNotEmpty()
                .noneMatch(write -> write.json().contains("dragging"));

        bob.send("{\"action\":\"leave\",\"room\":\"r\"}");
        bob.join("r");
        assertThat(members("r")).extracting(MemberInfo::meta).containsOnlyNulls();
    }

    @Test
    void inSeveralRoomsAPresenceIsForTheRoomItNames() {
        TestClient ann = harness.connect();
        ann.send("{\"action\":\"join\",\"room\":\"a\"}");
        ann.send("{\"action\":\"join\",\"room\":\"b\"}");
        TestClient inB = harness.joined("b");
        ann.send("{\"action\":\"presence\",\"data\":{\"x\":1}}");
        assertThat(ann.lastErrorCode()).isEqualTo("bad_room");
        ann.send(presence("b", "{\"here\":\"b\"}"));
        assertThat(inB.last("memberUpdated").get("room").asText()).isEqualTo("b");
        assertThat(members("a")).extracting(MemberInfo::meta).containsOnlyNulls();
    }
}
