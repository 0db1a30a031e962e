package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuity against the jar: a client cut off without a close frame resumes with its id and gets
 * exactly what it missed, in order; past the window, or too far behind, it joins afresh. Refs are
 * acknowledged and never delivered twice, and an app-level ping is answered.
 */
class ContinuityIT {
    @TempDir
    Path workDir;
    private ServerProcess server;
    private URI ws;
    private final List<WsProbe> probes = new ArrayList<>();

    private void start(String... flags) throws Exception {
        List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--db", "jdbc:h2:mem:continuity"));
        all.addAll(List.of(flags));
        server = ServerProcess.start(workDir, Map.of(), all.toArray(String[]::new));
        ws = URI.create("ws://127.0.0.1:" + server.awaitPort() + "/ws");
    }

    private WsProbe connect() {
        WsProbe probe = WsProbe.connect(ws);
        probes.add(probe);
        return probe;
    }

    @AfterEach
    void stop() {
        probes.forEach(WsProbe::close);
        if (server != null) {
            server.close();
        }
    }

    /** The server's count of resumes by outcome, to tell which refusal a failed resume met. */
    private String recoveries() {
        return metrics().lines().filter(line -> line.startsWith("rooms_recoveries_total"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private String metrics() {
        return TestServer.send(java.net.http.HttpRequest.newBuilder(
                URI.create(ws.toString().replace("ws://", "http://").replace("/ws", "/metrics"))).build()).body();
    }

    private static String resume(String room, JsonNode joined, long seq) {
        return "{\"action\":\"newClient\",\"room\":\"" + room + "\",\"resume\":{\"session\":\""
                + joined.get("session").asText() + "\",\"seq\":" + seq + "}}";
    }

    @Tag("transport")
    @Test
    void aClientCutOffWithoutACloseFrameResumesWithItsIdAndExactlyTheTwentyMessagesItMissed() throws Exception {
        start();
        WsProbe stays = connect();
        stays.join("room");
        WsProbe cut = connect();
        JsonNode joined = cut.join("room");
        stays.await("memberJoined");
        stays.send("{\"action\":\"talkToRoom\",\"data\":\"before\"}");
        long lastSeen = cut.await("talkToRoom").get("seq").asLong();

        cut.abort();
        assertThat(stays.await("memberLeft").get("id").asText()).isEqualTo(joined.get("id").asText());
        for (int i = 0; i < 20; i++) {
            stays.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
        }
        stays.send("{\"action\":\"echo\",\"data\":\"sent\"}");
        stays.await("echo"); // the twenty are in the room's order before the resume below

        WsProbe back = connect();
        back.send(resume("room", joined, lastSeen));
        JsonNode rejoined = back.await("joined");
        assertThat(rejoined.get("recovered").asBoolean()).isTrue();
        assertThat(rejoined.get("id").asText()).isEqualTo(joined.get("id").asText());
        assertThat(rejoined.get("name").asText()).isEqualTo(joined.get("name").asText());
        assertThat(rejoined.get("color").asText()).isEqualTo(joined.get("color").asText());
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonNode missed = back.await("talkToRoom");
            assertThat(missed.get("data").asInt()).isEqualTo(i);
            seqs.add(missed.get("seq").asLong());
        }
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
        assertThat(stays.await("memberJoined").get("id").asText()).isEqualTo(joined.get("id").asText());
        stays.send("{\"action\":\"talkToRoom\",\"data\":\"live\"}");
        WsProbe.Fenced live = back.until(WsProbe.frame("talkToRoom", "live"));
        assertThat(live.anyBefore("talkToRoom") || live.anyBefore("state")).as("nothing more replayed, no state: %s",
                live.before()).isFalse();
        assertThat(live.fence().get("seq").asLong()).isEqualTo(seqs.get(19) + 2); // after its memberJoined

        assertThat(metrics()).contains("rooms_recoveries_total{outcome=\"recovered\"} 1.0")
                .contains("rooms_replayed_total 20.0");
    }

    @Test
    void pastTheWindowOrTooFarBehindTheClientJoinsAfreshAndGetsNothingReplayed() throws Exception {
        start("--history-size", "5", "--resume-window-ms", "1500");
        WsProbe stays = connect();
        stays.join("room");
        WsProbe behind = connect();
        JsonNode behindJoined = behind.join("room");
        WsProbe late = connect();
        JsonNode lateJoined = late.join("room");

        behind.abort();
        late.abort();
        for (int i = 0; i < 10; i++) {
            stays.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
        }
        stays.send("{\"action\":\"echo\"}");
        stays.await("echo");
        WsProbe behindBack = connect();
        behindBack.send(resume("room", behindJoined, behindJoined.get("seq").asLong()));
        JsonNode fresh = behindBack.await("joined");
        assertThat(fresh.get("recovered").asBoolean()).as("too far behind").isFalse();
        assertThat(fresh.get("id").asText()).isNotEqualTo(behindJoined.get("id").asText());
        stays.send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}");
        assertThat(behindBack.until(WsProbe.frame("talkToRoom", "fence")).anyBefore("talkToRoom"))
                .as("nothing replayed").isFalse();

        Thread.sleep(1_600); // the time the test is about: the 1.5 s window passing
        WsProbe lateBack = connect();
        lateBack.send(resume("room", lateJoined, lateJoined.get("seq").asLong()));
        JsonNode afresh = lateBack.await("joined");
        assertThat(afresh.get("recovered").asBoolean()).as("past the window").isFalse();
        assertThat(afresh.get("id").asText()).isNotEqualTo(lateJoined.get("id").asText());
    }

    @Test
    void refsAreAcknowledgedAndAResentOneIsNotDeliveredTwiceAndPingIsAnswered() throws Exception {
        start();
        WsProbe stays = connect();
        stays.join("room");
        WsProbe sender = connect();
        JsonNode joined = sender.join("room");
        sender.send("{\"action\":\"ping\"}");
        sender.await("pong");
        sender.send("{\"action\":\"talkToRoom\",\"data\":\"once\",\"ref\":\"a1\"}");
        assertThat(sender.await("ack").get("ref").asText()).isEqualTo("a1");
        long seen = stays.await("talkToRoom").get("seq").asLong();
        sender.abort();

        WsProbe back = connect();
        back.send(resume("room", joined, seen));
        assertThat(back.await("joined").get("recovered").asBoolean())
                .as(() -> "resumed, even if the cut connection is still on its way out; " + recoveries()).isTrue();
        back.send("{\"action\":\"talkToRoom\",\"data\":\"once\",\"ref\":\"a1\"}");
        back.send("{\"action\":\"talkToRoom\",\"data\":\"next\",\"ref\":\"a2\"}");
        assertThat(back.await("ack").get("ref").asText()).isEqualTo("a1");
        assertThat(back.await("ack").get("ref").asText()).isEqualTo("a2");
        assertThat(stays.await("talkToRoom").get("data").asText()).isEqualTo("next");
    }
}
