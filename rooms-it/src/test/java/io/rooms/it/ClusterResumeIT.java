package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.InMemoryRoomStore;
import io.rooms.cluster.redis.RedisBusSettings;
import io.rooms.cluster.redis.RedisServer;
import io.rooms.server.ServerSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member of a killed node resumes on the survivor, again and again: it is the same member, so no
 * member is asked for its state (the protocol sends no {@code requestState} on behalf of a
 * recovered member), while a true newcomer right after it is handed the state as usual.
 */
class ClusterResumeIT {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @RepeatedTest(5)
    void aMemberResumedAfterItsNodeWasKilledIsNeverHandedTheStateAgain(RepetitionInfo repetition, @TempDir Path dir)
            throws Exception {
        String room = "handoff-" + repetition.getCurrentRepetition();
        // The jar's nodes use the default key prefix; the in-process node joins them there.
        RedisBusSettings cluster = RedisBusSettings.of(redis.uri()).withKeyPrefix(RedisBusSettings.DEFAULT_PREFIX);
        try (TestServer survivor = TestServer.clusterNode(cluster, new InMemoryRoomStore(), ServerSettings.DEFAULTS);
                WsProbe active = survivor.client();
                ServerProcess doomed = ServerProcess.start(Files.createDirectories(dir.resolve("node")), Map.of(),
                        "--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:doomed", "--cluster",
                        redis.uri().toString())) {
            active.join(room);
            active.send("{\"action\":\"move\",\"data\":{\"v\":1}}");
            WsProbe member = WsProbe.connect(URI.create("ws://127.0.0.1:" + doomed.awaitPort() + "/ws"));
            JsonNode joined = member.join(room);
            String id = joined.get("id").asText();
            assertThat(active.await("requestState").get("for").asText()).isEqualTo(id);
            active.send("{\"action\":\"state\",\"for\":\"" + id + "\",\"data\":{\"v\":1}}");
            assertThat(member.await("state").get("source").asText()).isEqualTo("peer");
            active.send("{\"action\":\"talkToRoom\",\"data\":\"seen\"}");
            long seen = member.await("talkToRoom").get("seq").asLong();

            doomed.kill();
            try (WsProbe back = survivor.client(); WsProbe newcomer = survivor.client()) {
                back.send("{\"action\":\"newClient\",\"room\":\"" + room + "\",\"resume\":{\"session\":\""
                        + joined.get("session").asText() + "\",\"seq\":" + seen + "}}");
                JsonNode rejoined = back.await("joined");
                assertThat(rejoined.get("recovered").asBoolean()).isTrue();
                assertThat(rejoined.get("id").asText()).isEqualTo(id);
                active.send("{\"action\":\"move\",\"data\":{\"v\":2}}"); // the most active member again
                active.send("{\"action\":\"echo\"}");
                active.await("echo");
                String newcomerId = newcomer.join(room).get("id").asText();
                // Every requestState the active member got since the first: the newcomer's only.
                JsonNode next = active.await("requestState");
                assertThat(next.get("for").asText()).as("the first requestState after the resume").isEqualTo(newcomerId);
                active.send("{\"action\":\"state\",\"for\":\"" + newcomerId + "\",\"data\":{\"v\":2}}");
                assertThat(newcomer.await("state").get("data").get("v").asInt()).isEqualTo(2);
                assertThat(active.drain()).as("frames the active member got besides")
                        .noneMatch(frame -> frame.path("action").asText().equals("requestState"));
            }
        }
    }
}
