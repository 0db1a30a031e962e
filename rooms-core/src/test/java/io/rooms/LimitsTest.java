package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void pastTheBurstMessagesAreDroppedAndTheSenderToldOncePerSecond() {
        Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxMessagesPerSecond(10));
        TestClient sender = harness.joined("r");
        TestClient listener = harness.joined("r");
        listener.clear();
        sender.clear();
        for (int i = 0; i < 50; i++) {
            sender.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
        }
        int burstLeftAfterJoin = 2 * 10 - 1;
        assertThat(listener.framesOf("talkToRoom")).hasSize(burstLeftAfterJoin);
        assertThat(sender.framesOf("error")).extracting(f -> f.get("code").asText()).containsExactly("rate_limited");
        harness.advance(Duration.ofSeconds(1));
        sender.send("{\"action\":\"talkToRoom\",\"data\":\"after a pause\"}");
        assertThat(listener.last("talkToRoom").get("data").asText()).isEqualTo("after a pause");
        assertThat(sender.connection.isOpen()).isTrue();
    }

    @Test
    void aClientThatKeepsFloodingIsClosedWith1008() {
        Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxMessagesPerSecond(10));
        TestClient flooder = harness.joined("r");
        TestClient listener = harness.joined("r");
        listener.clear();
        for (int second = 0; second < 5 && flooder.connection.isOpen(); second++) {
            for (int i = 0; i < 100; i++) {
                flooder.send("{\"action\":\"talkToRoom\",\"data\":1}");
            }
            harness.advance(Duration.ofSeconds(1));
        }
        assertThat(flooder.connection.closeCode()).isEqualTo(1008);
        assertThat(listener.last("memberLeft").get("id").asText()).isEqualTo(flooder.id());
        assertThat(listener.framesOf("talkToRoom").size()).isLessThanOrEqualTo(20 + 5 * 10);
    }

    @Test
    void aClientThatStopsReadingIsDroppedBeforeItsBacklogPassesTheLimit() {
        Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxOutboundBytes(10_000)
                .withMaxMessagesPerSecond(1000));
        TestClient slow = harness.joined("r");
        TestClient fast = harness.joined("r");
        TestClient sender = harness.joined("r");
        slow.clear(); // what it read before it stopped reading is not backlog
        slow.connection.stallSends();
        fast.clear();
        String payload = "x".repeat(1000);
        for (int i = 0; i < 30; i++) {
            sender.send("{\"action\":\"talkToRoom\",\"data\":\"" + payload + "\"}");
        }
        assertThat(slow.connection.closeCode()).isEqualTo(1008);
        assertThat(slow.connection.frames().stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(10_000);
        assertThat(fast.framesOf("talkToRoom")).hasSize(30);
        assertThat(fast.last("memberLeft").get("id").asText()).isEqualTo(slow.id());
    }

    @Test
    void aFailedSendDropsTheClient() {
        Harness harness = new Harness();
        TestClient broken = harness.joined("r");
        TestClient other = harness.joined("r");
        broken.connection.failSends();
        other.send("{\"action\":\"talkToRoom\",\"data\":1}");
        assertThat(broken.connection.isOpen()).isFalse();
        assertThat(other.last("memberLeft").get("id").asText()).isEqualTo(broken.id());
    }
}
