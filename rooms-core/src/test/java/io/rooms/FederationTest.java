package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.ClusterMessage;
import io.rooms.spi.ClusterMessage.Kind;
import org.junit.jupiter.api.Test;

/** What one node does as part of a cluster, with the cluster driven by hand. */
class FederationTest {
    private final FakeCluster cluster = new FakeCluster();
    private final Harness harness = new Harness(RoomServer.builder().cluster(cluster));

    private TestClient admitted(String room, long seq) {
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"" + room + "\"}");
        cluster.admitNext(seq);
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
        assertThat(cluster.published).isEmpty();

        cluster.admitNext(10);

        assertThat(client.last("joined")).isNotNull();
        assertThat(client.lastErrorCode()).isNull();
        assertThat(cluster.published).extracting(ClusterMessage::frame)
                .containsExactly("{\"action\":\"move\",\"room\":\"r\",\"data\":1,\"from\":\"" + client.id() + "\"}",
                        "{\"action\":\"move\",\"room\":\"r\",\"data\":2,\"from\":\"" + client.id() + "\"}");
    }

    @Test
    void aNewcomerGetsExactlyTheStreamEntriesNumberedAfterItsJoin() {
        TestClient a = admitted("r", 1);
        TestClient b = harness.connect();
        b.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        cluster.listener.onMessage(entry(5, "{\"action\":\"talkToRoom\",\"data\":\"before\"}"));
        cluster.listener.onMessage(entry(12, "{\"action\":\"talkToRoom\",\"data\":\"after\"}"));
        cluster.admitNext(10, new MemberInfo(a.id(), "A", "#000000"));

        assertThat(b.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("after");
        assertThat(a.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("before", "after");
        cluster.listener.onMessage(entry(13, "{\"action\":\"talkToRoom\",\"data\":\"later\"}"));
        assertThat(b.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("after", "later");
    }

    @Test
    void theSenderNeverGetsItsOwnMessageBackFromTheStream() {
        TestClient a = admitted("r", 1);
        TestClient b = admitted("r", 2);
        a.send("{\"action\":\"talkToRoom\",\"data\":\"hi\"}");
        ClusterMessage sent = cluster.published.get(0);
        cluster.listener.onMessage(sent.withSeq(3));
        assertThat(a.framesOf("talkToRoom")).isEmpty();
        assertThat(b.framesOf("talkToRoom")).hasSize(1);
    }

    @Test
    void aRefusedJoinAnswersRoomFullAndLeavesTheClientInNoRoom() {
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"r\"}");
        cluster.joins.remove().answer().complete(new io.rooms.spi.Cluster.Admission(false, 0, java.util.List.of()));
        assertThat(client.last("roomFull")).isNotNull();
        client.send("{\"action\":\"talkToRoom\",\"data\":1}");
        assertThat(client.lastErrorCode()).isEqualTo("not_in_room");
    }

    @Test
    void whileTheClusterIsDownANodeStillServesItsOwnMembersAndCountsTheFailures() {
        TestClient a = admitted("r", 1);
        TestClient b = admitted("r", 2);
        cluster.down = true;
        a.send("{\"action\":\"talkToRoom\",\"data\":\"local\"}");
        assertThat(b.framesOf("talkToRoom")).extracting(f -> f.get("data").asText()).containsExactly("local");
        assertThat(a.framesOf("talkToRoom")).isEmpty();
        assertThat(harness.server.stats().clusterFailures()).isPositive();
    }

    private static ClusterMessage entry(long seq, String frame) {
        return new ClusterMessage(Kind.BROADCAST, "r", seq, "n2", "n2-x", "", frame);
    }
}
