package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.InMemoryRoomStore;
import io.rooms.cluster.redis.RedisClusterSettings;
import io.rooms.cluster.redis.RedisServer;
import io.rooms.server.ServerSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member of a killed node resumes on the survivor, again and again. The protocol sends no
 * {@code requestState} on behalf of a recovered member: the room's most active member may still get
 * the one the killed node sent for the member's first join, when the kill came right after it (the
 * request was already on its way through Redis), but that one always comes before the member's
 * {@code memberLeft}; after the member is back, the next request is a true newcomer's.
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
        RedisClusterSettings cluster = RedisClusterSettings.of(redis.uri()).withKeyPrefix(RedisClusterSettings.DEFAULT_PREFIX);
        try (TestServer survivor = TestServer.clusterNode(cluster, new InMemoryRoomStore(), ServerSettings.DEFAULTS);
                WsProbe active = survivor.client();
                ServerProcess doomed = ServerProcess.start(Files.createDirectories(dir.resolve("node")), Map.of(),
                        "--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:doomed", "--cluster",
                        redis.uri().toString())) {
            active.join(room);
            active.send("{\"action\":\"move\",\"data\":{\"v\":1}}");
            active.send("{\"action\":\"echo\"}");
            active.await("echo"); // the most active member before the other joins
            WsProbe member = WsProbe.connect(URI.create("ws://127.0.0.1:" + doomed.awaitPort() + "/ws"));
            JsonNode joined = member.join(room);
            String id = joined.get("id").asText();
            // Acknowledged once the bus has it, so its session, written before it, is there too (a
            // node killed right after a join may not have written the session yet: nothing to resume).
            member.send("{\"action\":\"talkToRoom\",\"data\":\"hi\",\"ref\":\"r1\"}");
            member.await("ack");
            doomed.kill(); // soon after the join: its hand-off may or may not have asked anyone yet

            try (WsProbe back = survivor.client(); WsProbe newcomer = survivor.client()) {
                back.send("{\"action\":\"newClient\",\"room\":\"" + room + "\",\"resume\":{\"session\":\""
                        + joined.get("session").asText() + "\",\"seq\":" + joined.get("seq").asLong() + "}}");
                JsonNode rejoined = back.await("joined");
                assertThat(rejoined.get("recovered").asBoolean()).isTrue();
                assertThat(rejoined.get("id").asText()).isEqualTo(id);
                active.send("{\"action\":\"move\",\"data\":{\"v\":2}}"); // the most active member again
                String newcomerId = newcomer.join(room).get("id").asText();

                List<JsonNode> seen = new ArrayList<>(); // everything the active member got, in order
                Await.until("the active member is asked for the newcomer's state", () -> {
                    seen.addAll(active.drain());
                    return seen.stream().anyMatch(requestFor(newcomerId));
                });
                int left = indexOf(seen, frame -> frame.path("action").asText().equals("memberLeft")
                        && frame.path("id").asText().equals(id));
                int rejoinedAt = seen.size() - 1 - indexOf(reversed(seen), frame -> frame.path("action").asText()
                        .equals("memberJoined") && frame.path("id").asText().equals(id));
                assertThat(left).as("the member's memberLeft, in %s", seen).isNotNegative();
                assertThat(rejoinedAt).as("the member's memberJoined, back, in %s", seen).isGreaterThan(left);
                assertThat(seen.subList(left, seen.size())).as("from the member's memberLeft on, in %s", seen)
                        .noneMatch(requestFor(id));
            }
        }
    }

    private static Predicate<JsonNode> requestFor(String id) {
        return frame -> frame.path("action").asText().equals("requestState") && frame.path("for").asText().equals(id);
    }

    private static int indexOf(List<JsonNode> frames, Predicate<JsonNode> wanted) {
        for (int i = 0; i < frames.size(); i++) {
            if (wanted.test(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<JsonNode> reversed(List<JsonNode> frames) {
        List<JsonNode> copy = new ArrayList<>(frames);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
