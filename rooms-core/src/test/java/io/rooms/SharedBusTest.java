package io.rooms;

import io.rooms.spi.MemberInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one node does on a bus shared with other nodes, with the bus driven by hand. */
class SharedBusTest {
    private final FakeBus bus = new FakeBus();
    private final Harness harness = new Harness(RoomsEngine.builder().cluster(bus));

    private TestClient admitted(String room, long seq) {
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"" + room + "\"}");
        bus.admitNext(seq);
        return client;
    }

    @Test
    void idsStartWithTheNodeId() {
        assertThat(harness.connect().id()).startsWith("n1-");
    }

    @Test
    void whatAClientSendsWhileItsJoinIsInFlightIsDispatchedAfterTheJoinInOrder() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        client.send("{\"action\":\"move\",\"data\":1}");
        client.send("{\"action\":\"move\",\"data\":2}");
        assertThat(client.frames()).isEmpty();
        assertThat(bus.published).isEmpty();

        bus.admitNext(10);

        assertThat(client.last("joined")).isNotNull();
        assertThat(client.lastErrorCode()).isNull();
        assertThat(bus.published).containsExactly(
                new BusEvent.Said("r", 0, client.id(), "move", "1", null, true),
                new BusEvent.Said("r", 0, client.id(), "move", "2", null, true));
    }

    @Test
    void aNewcomerGetsExactlyTheStreamEntriesNumberedAfterItsJoin() {
        TestClient a = admitted("r", 1);
        TestClient b = harness.connect();
        b.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        bus.listener.onEvent(said(5, "\"before\""));
        bus.listener.onEvent(said(12, "\"after\""));
        bus.admitNext(10, new MemberInfo(a.id(), "A", "#000000"));

        assertThat(b.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("after");
        assertThat(a.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("before", "after");
        bus.listener.onEvent(said(13, "\"later\""));
        assertThat(b.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("after", "later");
    }

    @Test
    void aResumeThatReadsTheSessionLiveJustAsItsConnectionLeavesResumesIt() {
        TestClient stays = admitted("r", 1);
        TestClient goes = harness.connect();
        goes.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        bus.admitNext(2);
        com.fasterxml.jackson.databind.JsonNode joined = goes.last("joined");
        bus.history = java.util.Optional.of(List.of());
        // The cut connection's loss is seen right after the resume has read its session as live.
        bus.afterSessionRead = () -> {
            bus.afterSessionRead = () -> { };
            goes.listener.onClose(1006, "cut");
        };

        TestClient back = harness.connect();
        back.send("{\"action\":\"newClient\",\"room\":\"r\",\"resume\":{\"session\":\""
                + joined.get("session").asText() + "\",\"seq\":2}}");
        bus.admitNext(3, new MemberInfo(stays.id(), "A", "#000000"));

        assertThat(back.last("joined").get("recovered").asBoolean()).isTrue();
        assertThat(back.id()).isEqualTo(goes.id());
        assertThat(harness.engine.stats().recoveries(Recovery.RECOVERED)).isEqualTo(1);
    }

    @Test
    void theSenderNeverGetsItsOwnMessageBackFromTheStream() {
        TestClient a = admitted("r", 1);
        TestClient b = admitted("r", 2);
        a.send("{\"action\":\"talkToRoom\",\"data\":\"hi\"}");
        BusEvent.Said sent = (BusEvent.Said) bus.published.get(0);
        bus.listener.onEvent(sent.withSeq(3));
        assertThat(a.framesOf("talkToRoom")).isEmpty();
        assertThat(b.framesOf("talkToRoom")).hasSize(1);
    }

    @Test
    void aRefusedJoinAnswersRoomFullAndLeavesTheClientInNoRoom() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        bus.joins.remove().answer().complete(new Bus.Admission(false, 0, List.of()));
        assertThat(client.last("roomFull")).isNotNull();
        client.send("{\"action\":\"talkToRoom\",\"data\":1}");
        assertThat(client.lastErrorCode()).isEqualTo("not_in_room");
    }

    @Test
    void whileTheBusIsDownANodeStillServesItsOwnMembersAndCountsTheFailures() {
        TestClient a = admitted("r", 1);
        TestClient b = admitted("r", 2);
        bus.down = true;
        a.send("{\"action\":\"talkToRoom\",\"data\":\"local\"}");
        assertThat(b.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("local");
        assertThat(a.framesOf("talkToRoom")).isEmpty();
        assertThat(harness.engine.stats().clusterFailures()).isPositive();
    }

    @Test
    void aClientDroppedWhileItsJoinIsInFlightNeverBecomesAMember() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        client.listener.onClose(1006, "gone");
        bus.admitNext(1);
        assertThat(client.frames()).isEmpty();
        assertThat(harness.engine.stats().connections()).isZero();
        assertThat(harness.engine.stats().rooms()).isZero();
    }

    @Test
    void aRecipientIdWithABarOrAnyCharacterNoIdHasIsRefusedBeforeItReachesTheBus() {
        TestClient a = admitted("r", 1);
        a.send("{\"action\":\"talkToRoom\",\"to\":\"n2-1|{\\\"action\\\":\\\"x\\\"}\",\"data\":\"x\"}");
        assertThat(a.lastErrorCode()).isEqualTo("no_such_member");
        assertThat(bus.published).isEmpty();
    }

    private static BusEvent.Said said(long seq, String data) {
        return new BusEvent.Said("r", seq, "n2-x", "talkToRoom", data, null, true);
    }
}
