package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.spi.Identity;
import io.rooms.spi.RoomAccess;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Part three, per membership: the state hand-off, the token's rooms, and the operator's removal
 * are each about one room of a connection in several, on fake time.
 */
class ManyRoomsMembershipTest {
    private final Harness harness = new Harness();

    private static String join(String room) {
        return "{\"action\":\"join\",\"room\":\"" + room + "\"}";
    }

    private static <T> T done(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void aNewcomersStateComesFromTheMostActiveMemberOfThatRoomAndTheAnswerNamesItsRoom() {
        TestClient ann = harness.connect();
        TestClient bob = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        bob.send(join("a"));
        bob.send(join("b"));
        ann.send("{\"action\":\"move\",\"room\":\"a\",\"data\":1}"); // ann leads in a
        bob.send("{\"action\":\"move\",\"room\":\"b\",\"data\":2}"); // bob leads in b
        ann.clear();
        bob.clear();

        TestClient newcomer = harness.connect();
        newcomer.send(join("b"));
        JsonNode asked = bob.last("requestState");
        assertThat(asked.get("room").asText()).isEqualTo("b");
        assertThat(asked.get("for").asText()).isEqualTo(newcomer.id());
        assertThat(ann.framesOf("requestState")).as("ann leads in a, not in b").isEmpty();

        bob.send("{\"action\":\"state\",\"room\":\"b\",\"for\":\"" + newcomer.id() + "\",\"data\":{\"in\":\"b\"}}");
        JsonNode state = newcomer.last("state");
        assertThat(state.get("room").asText()).isEqualTo("b");
        assertThat(state.at("/data/in").asText()).isEqualTo("b");

        newcomer.send(join("a"));
        assertThat(ann.last("requestState").get("room").asText()).as("in a, ann is asked").isEqualTo("a");
    }

    @Test
    void theTokensRoomsAreCheckedAtEachJoinAndAForbiddenOneKeepsTheOthers() {
        TestClient player = harness.connect(new Identity("p", null, RoomAccess.of(List.of("game-*", "lobby")), null));
        TestClient inLobby = harness.joined("lobby");
        player.send(join("lobby"));
        player.send(join("game-7"));
        player.clear();

        player.send(join("secret"));
        JsonNode refused = player.last("error");
        assertThat(refused.get("code").asText()).isEqualTo("forbidden");
        assertThat(refused.get("room").asText()).isEqualTo("secret");
        assertThat(done(harness.engine.room("secret"))).isEmpty();

        inLobby.clear();
        player.send("{\"action\":\"talkToRoom\",\"room\":\"lobby\",\"data\":\"still here\"}");
        assertThat(inLobby.last("talkToRoom").get("data").asText()).isEqualTo("still here");
    }

    @Test
    void theOperatorRemovesAMemberFromOneRoomAndItStaysInTheOthers() {
        TestClient ann = harness.connect();
        ann.send(join("a"));
        ann.send(join("b"));
        TestClient inA = harness.joined("a");
        TestClient inB = harness.joined("b");
        ann.clear();
        inA.clear();
        inB.clear();

        assertThat(done(harness.engine.remove("a", ann.id()))).isTrue();

        assertThat(ann.last("removed").get("room").asText()).isEqualTo("a");
        assertThat(inA.last("memberLeft").get("id").asText()).isEqualTo(ann.id());
        assertThat(inB.frames()).as("room b hears nothing").isEmpty();
        assertThat(ann.connection.isOpen()).isTrue();
        ann.send("{\"action\":\"talkToRoom\",\"data\":\"in b, the one room left\"}");
        assertThat(inB.last("talkToRoom").get("data").asText()).isEqualTo("in b, the one room left");
        assertThat(done(harness.engine.room("b")).orElseThrow().members()).extracting(m -> m.id()).contains(ann.id());
    }
}
