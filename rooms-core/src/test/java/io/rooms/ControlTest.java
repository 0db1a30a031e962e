package io.rooms;

import io.rooms.spi.Identity;
import io.rooms.spi.RoomSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Server control: a push to one member, taking a member out of its room, disconnecting a user. */
class ControlTest {
    private final Harness harness = new Harness();

    private static <T> T done(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void aPushWithToReachesThatMemberAloneFromTheServer() {
        TestClient a = harness.joined("r");
        TestClient b = harness.joined("r");
        a.clear();
        b.clear();

        assertThat(done(harness.engine.push("r", "welcome", "\"you are the 2nd\"", b.id()))).isEqualTo(1);

        JsonNode got = b.last("welcome");
        assertThat(got.get("from").asText()).isEqualTo("server");
        assertThat(got.get("data").asText()).isEqualTo("you are the 2nd");
        assertThat(a.frames()).isEmpty();
        assertThat(harness.store.writes()).as("a direct push is not room state").isEmpty();
    }

    @Test
    void aPushToSomeoneNotInTheRoomReachesNobody() {
        TestClient a = harness.joined("r");
        TestClient elsewhere = harness.joined("q");
        a.clear();
        elsewhere.clear();
        assertThat(done(harness.engine.push("r", "hi", "1", elsewhere.id()))).isZero();
        assertThat(done(harness.engine.push("r", "hi", "1", "not-an-id!"))).isZero();
        assertThat(a.frames()).isEmpty();
        assertThat(elsewhere.frames()).isEmpty();
    }

    @Test
    void aRemovedMemberIsToldStaysConnectedInNoRoomAndTheOthersSeeItLeave() {
        TestClient stays = harness.joined("r");
        TestClient removed = harness.joined("r");
        stays.clear();
        removed.clear();

        assertThat(done(harness.engine.remove("r", removed.id()))).isTrue();

        assertThat(removed.last("removed").get("room").asText()).isEqualTo("r");
        assertThat(stays.last("memberLeft").get("id").asText()).isEqualTo(removed.id());
        assertThat(removed.connection.isOpen()).isTrue();
        removed.send("{\"action\":\"talkToRoom\",\"data\":1}");
        assertThat(removed.lastErrorCode()).isEqualTo("not_in_room");
        assertThat(done(harness.engine.rooms())).containsExactly(new RoomSummary("r", 1));
    }

    @Test
    void removingSomeoneNotInTheRoomChangesNothing() {
        TestClient a = harness.joined("r");
        TestClient b = harness.joined("q");
        assertThat(done(harness.engine.remove("r", b.id()))).isFalse();
        assertThat(done(harness.engine.remove("r", "nobody-1"))).isFalse();
        assertThat(b.last("removed")).isNull();
        assertThat(done(harness.engine.rooms())).containsExactly(new RoomSummary("q", 1), new RoomSummary("r", 1));
        assertThat(a.connection.isOpen()).isTrue();
    }

    @Test
    void disconnectingAUserClosesEverySocketOfThatUserWith4003AndNoOther() {
        TestClient phone = harness.connect(Identity.of("ann", null));
        TestClient laptop = harness.connect(Identity.of("ann", null));
        TestClient bob = harness.connect(Identity.of("bob", null));
        TestClient anonymous = harness.connect();
        phone.join("r");
        bob.join("r");

        assertThat(done(harness.engine.disconnectUser("ann"))).isEqualTo(2);

        assertThat(phone.connection.closeCode()).isEqualTo(4003);
        assertThat(laptop.connection.closeCode()).isEqualTo(4003);
        assertThat(bob.connection.isOpen()).isTrue();
        assertThat(anonymous.connection.isOpen()).isTrue();
        assertThat(bob.last("memberLeft").get("id").asText()).isEqualTo(phone.id());
        assertThat(done(harness.engine.disconnectUser("ann"))).isZero();
    }
}
