package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StateHandoffTest {
    private static final Duration TIMEOUT = EngineSettings.DEFAULTS.stateTimeout();
    private final Harness harness = new Harness();

    private static void answer(TestClient member, TestClient newcomer, String data) {
        member.send("{\"action\":\"state\",\"for\":\"" + newcomer.id() + "\",\"data\":" + data + "}");
    }

    @Test
    void theMostActiveMemberIsAskedAndItsAnswerGoesToTheNewcomerAlone() {
        TestClient quiet = harness.joined("r");
        TestClient active = harness.joined("r");
        active.send("{\"action\":\"talkToRoom\",\"data\":\"hello\"}");
        quiet.clear();
        active.clear();
        TestClient newcomer = harness.joined("r");

        JsonNode request = active.last("requestState");
        assertThat(request.get("for").asText()).isEqualTo(newcomer.id());
        assertThat(request.get("room").asText()).isEqualTo("r");
        assertThat(quiet.framesOf("requestState")).isEmpty();

        quiet.clear();
        answer(active, newcomer, "{\"board\":[1,2]}");
        JsonNode state = newcomer.last("state");
        assertThat(state.get("source").asText()).isEqualTo("peer");
        assertThat(state.get("room").asText()).isEqualTo("r");
        assertThat(state.get("data").get("board")).hasSize(2);
        assertThat(quiet.frames()).isEmpty();
        assertThat(active.framesOf("state")).isEmpty();
    }

    @Test
    void whenTheAskedMemberDoesNotAnswerTheNextMostActiveIsAsked() {
        TestClient second = harness.joined("r");
        TestClient first = harness.joined("r");
        first.send("{\"action\":\"move\",\"data\":1}");
        second.clear();
        TestClient newcomer = harness.joined("r");
        assertThat(first.framesOf("requestState")).hasSize(1);
        assertThat(second.framesOf("requestState")).isEmpty();

        harness.advance(TIMEOUT.minusMillis(1));
        assertThat(second.framesOf("requestState")).isEmpty();
        harness.advance(Duration.ofMillis(1));
        assertThat(second.last("requestState").get("for").asText()).isEqualTo(newcomer.id());

        answer(second, newcomer, "\"from second\"");
        assertThat(newcomer.last("state").get("data").asText()).isEqualTo("from second");
    }

    @Test
    void whenNobodyAnswersTheNewcomerGetsTheSavedState() {
        TestClient member = harness.joined("r");
        member.send("{\"action\":\"move\",\"data\":{\"v\":7}}");
        harness.advance(Duration.ofSeconds(5));
        TestClient newcomer = harness.joined("r");
        harness.advance(TIMEOUT);
        JsonNode state = newcomer.last("state");
        assertThat(state.get("source").asText()).isEqualTo("store");
        assertThat(state.get("data").get("v").asInt()).isEqualTo(7);
    }

    @Test
    void withNothingSavedAndNoAnswerTheNewcomerGetsNoState() {
        harness.joined("r");
        TestClient newcomer = harness.joined("r");
        harness.advance(TIMEOUT.multipliedBy(3));
        assertThat(newcomer.framesOf("state")).isEmpty();
    }

    @Test
    void aNewcomerToAnEmptyRoomGetsTheStoredStateAtOnce() {
        harness.store.save("r", "{\"saved\":true}");
        TestClient newcomer = harness.joined("r");
        JsonNode state = newcomer.last("state");
        assertThat(state.get("source").asText()).isEqualTo("store");
        assertThat(state.get("data").get("saved").asBoolean()).isTrue();
    }

    @Test
    void lateAndUnsolicitedAnswersAreIgnored() {
        TestClient second = harness.joined("r");
        TestClient first = harness.joined("r");
        first.send("{\"action\":\"move\",\"data\":1}");
        TestClient newcomer = harness.joined("r");
        harness.advance(TIMEOUT);
        answer(first, newcomer, "\"too late\"");
        answer(first, first, "\"nobody asked\"");
        second.send("{\"action\":\"state\",\"for\":\"no-such-client\",\"data\":2}");
        assertThat(newcomer.framesOf("state")).isEmpty();
        assertThat(first.framesOf("error")).isEmpty();
        answer(second, newcomer, "\"on time\"");
        assertThat(newcomer.framesOf("state")).extracting(f -> f.get("data").asText()).containsExactly("on time");
    }

    @Test
    void whenTheAskedMemberLeavesTheNextIsAskedAtOnce() {
        TestClient second = harness.joined("r");
        TestClient first = harness.joined("r");
        first.send("{\"action\":\"move\",\"data\":1}");
        second.clear();
        TestClient newcomer = harness.joined("r");
        assertThat(second.framesOf("requestState")).isEmpty();
        first.listener.onClose(1001, "gone");
        assertThat(second.last("requestState").get("for").asText()).isEqualTo(newcomer.id());
    }

    @Test
    void aStateAnswerWithoutForIsBadMessage() {
        TestClient member = harness.joined("r");
        member.send("{\"action\":\"state\",\"data\":1}");
        assertThat(member.lastErrorCode()).isEqualTo("bad_message");
    }
}
