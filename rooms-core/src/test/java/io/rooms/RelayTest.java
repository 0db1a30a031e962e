package io.rooms;

import io.rooms.spi.MemberInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RelayTest {
    private final Harness harness = new Harness();

    private static List<String> order(RoomsEngine engine, String room) {
        RoomView view = engine.room(room).toCompletableFuture().join().orElseThrow();
        return view.members().stream().map(MemberInfo::id).toList();
    }

    @Test
    void aBroadcastReachesEveryoneElseInTheRoomAndNobodyElse() {
        TestClient alice = harness.joined("a");
        TestClient bob = harness.joined("a");
        TestClient carol = harness.joined("a");
        TestClient stranger = harness.joined("b");
        List.of(alice, bob, carol, stranger).forEach(TestClient::clear);
        alice.send("{\"action\":\"talkToRoom\",\"data\":{\"text\":\"hi\"}}");
        for (TestClient listener : List.of(bob, carol)) {
            JsonNode got = listener.last("talkToRoom");
            assertThat(got.get("from").asText()).isEqualTo(alice.id());
            assertThat(got.get("room").asText()).isEqualTo("a");
            assertThat(got.get("data").get("text").asText()).isEqualTo("hi");
        }
        assertThat(alice.frames()).isEmpty();
        assertThat(stranger.frames()).isEmpty();
    }

    @Test
    void aForgedRoomIsIgnoredAndTheMessageGoesToTheSendersOwnRoom() {
        TestClient mallory = harness.joined("a");
        TestClient friend = harness.joined("a");
        TestClient victim = harness.joined("b");
        victim.clear();
        friend.clear();
        mallory.send("{\"action\":\"talkToRoom\",\"room\":\"b\",\"data\":\"forged\"}");
        mallory.send("{\"action\":\"move\",\"room\":\"b\",\"data\":\"forged\"}");
        assertThat(victim.frames()).isEmpty();
        assertThat(friend.frames()).extracting(f -> f.get("room").asText()).containsExactly("a", "a");
    }

    @Test
    void aRoomActionBeforeJoiningIsNotInRoom() {
        TestClient client = harness.connect();
        for (String action : List.of("talkToRoom", "move", "state")) {
            client.clear();
            client.send("{\"action\":\"" + action + "\",\"for\":\"x\",\"data\":1}");
            assertThat(client.lastErrorCode()).as(action).isEqualTo("not_in_room");
        }
    }

    @Test
    void appActionsAreRelayedUnderTheirOwnNameWithDataUntouched() {
        TestClient alice = harness.joined("a");
        TestClient bob = harness.joined("a");
        bob.clear();
        alice.send("{\"action\":\"move\",\"data\":{ \"word\" : \"sky\", \"x\" : 10.50 }}");
        assertThat(bob.connection.frames()).singleElement().asString().matches(java.util.regex.Pattern.quote(
                "{\"action\":\"move\",\"room\":\"a\",\"data\":{ \"word\" : \"sky\", \"x\" : 10.50 },\"from\":\""
                        + alice.id() + "\",\"seq\":") + "\\d+}");
    }

    @Test
    void aMessageWithToReachesThatMemberAlone() {
        TestClient alice = harness.joined("a");
        TestClient bob = harness.joined("a");
        TestClient carol = harness.joined("a");
        bob.clear();
        carol.clear();
        alice.send("{\"action\":\"talkToRoom\",\"to\":\"" + carol.id() + "\",\"data\":\"psst\"}");
        assertThat(carol.last("talkToRoom").get("data").asText()).isEqualTo("psst");
        assertThat(bob.frames()).isEmpty();
    }

    @Test
    void aToThatNamesNoMemberOfTheRoomIsNoSuchMember() {
        TestClient alice = harness.joined("a");
        TestClient elsewhere = harness.joined("b");
        elsewhere.clear();
        alice.send("{\"action\":\"poke\",\"to\":\"" + elsewhere.id() + "\",\"data\":1}");
        assertThat(alice.lastErrorCode()).isEqualTo("no_such_member");
        assertThat(elsewhere.frames()).isEmpty();
    }

    @Test
    void echoAnswersTheSenderAloneEvenBeforeJoining() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"echo\",\"data\":[1,\"two\"]}");
        assertThat(client.connection.frames()).containsExactly("{\"action\":\"echo\",\"data\":[1,\"two\"]}");
    }

    @Test
    void sendersWithDataMoveToTheFrontInOrderOfTheirLatestMessage() {
        TestClient a = harness.joined("r");
        TestClient b = harness.joined("r");
        TestClient c = harness.joined("r");
        TestClient d = harness.joined("r");
        assertThat(order(harness.engine, "r")).containsExactly(a.id(), b.id(), c.id(), d.id());
        c.send("{\"action\":\"talkToRoom\",\"data\":1}");
        a.send("{\"action\":\"move\",\"data\":2}");
        d.send("{\"action\":\"talkToRoom\",\"data\":3}");
        c.send("{\"action\":\"talkToRoom\",\"data\":4}");
        b.send("{\"action\":\"ping\"}");
        assertThat(order(harness.engine, "r")).containsExactly(c.id(), d.id(), a.id(), b.id());
        TestClient late = harness.connect();
        assertThat(late.join("r").get("members").findValuesAsText("id"))
                .containsExactly(c.id(), d.id(), a.id(), b.id(), late.id());
    }

    @Test
    void anApplicationCanAddAndReplaceHandlers() {
        AtomicReference<String> seen = new AtomicReference<>();
        Harness custom = new Harness(RoomsEngine.builder()
                .handler("roll", (ctx, msg) -> ctx.reply("rolled", "4"))
                .handler("echo", (ctx, msg) -> {
                    seen.set(ctx.clientId());
                    ctx.reply("echo", "\"custom\"");
                }));
        TestClient client = custom.connect();
        client.send("{\"action\":\"roll\"}");
        client.send("{\"action\":\"echo\",\"data\":1}");
        assertThat(client.last("rolled").get("data").asInt()).isEqualTo(4);
        assertThat(client.last("echo").get("data").asText()).isEqualTo("custom");
        assertThat(seen.get()).isEqualTo(client.id());
    }

    @Test
    void aFailingHandlerClosesItsClientWith1011AndTheServerGoesOn() {
        Harness custom = new Harness(RoomsEngine.builder().handler("boom", (ctx, msg) -> {
            throw new IllegalStateException("bug in the app");
        }));
        TestClient victim = custom.joined("r");
        TestClient other = custom.joined("r");
        other.clear();
        victim.send("{\"action\":\"boom\"}");
        assertThat(victim.connection.closeCode()).isEqualTo(1011);
        assertThat(victim.frames()).noneMatch(f -> f.toString().contains("IllegalStateException"));
        assertThat(other.last("memberLeft").get("id").asText()).isEqualTo(victim.id());
        TestClient next = custom.joined("r");
        next.send("{\"action\":\"echo\",\"data\":1}");
        assertThat(next.last("echo")).isNotNull();
    }

    @Test
    void badInputIsAnsweredWithItsErrorCodeAndTheConnectionStays() {
        TestClient client = harness.joined("r");
        client.clear();
        client.send("{oops");
        client.send("[1]");
        client.listener.onBinary(12);
        assertThat(client.framesOf("error")).extracting(f -> f.get("code").asText())
                .containsExactly("bad_json", "bad_message", "bad_message");
        assertThat(client.framesOf("error")).allMatch(f -> !f.get("message").asText().isBlank());
        assertThat(client.connection.isOpen()).isTrue();
        assertThat(harness.engine.stats().errors(ErrorCode.BAD_MESSAGE)).isEqualTo(2);
    }

    @Test
    void aMessageOverTheSizeLimitIsTooLarge() {
        Harness limited = new Harness(EngineSettings.DEFAULTS.withMaxMessageBytes(100));
        TestClient alice = limited.joined("r");
        TestClient bob = limited.joined("r");
        bob.clear();
        alice.send("{\"action\":\"talkToRoom\",\"data\":\"" + "é".repeat(60) + "\"}");
        assertThat(alice.lastErrorCode()).isEqualTo("too_large");
        assertThat(bob.frames()).isEmpty();
    }
}
