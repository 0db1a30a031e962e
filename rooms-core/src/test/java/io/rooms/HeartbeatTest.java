package io.rooms;

import io.rooms.spi.RoomSummary;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private static final Duration PING = Duration.ofSeconds(10);
    private final Harness harness = new Harness(EngineSettings.DEFAULTS.withPingInterval(PING)
            .withJoinTimeout(Duration.ofMinutes(10)));

    @Test
    void everyClientIsPingedEachInterval() {
        TestClient client = harness.joined("r");
        for (int i = 0; i < 3; i++) {
            harness.advance(PING);
            client.listener.onPong();
        }
        assertThat(client.connection.pings()).isEqualTo(3);
        assertThat(client.connection.isOpen()).isTrue();
    }

    @Test
    void aPeriodsPingsLeaveSpreadOverItNotAllAtOnce() {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            clients.add(harness.joined("r" + i % 4));
        }
        harness.advance(PING.dividedBy(2));
        long pinged = clients.stream().filter(client -> client.connection.pings() == 1).count();
        assertThat(pinged).as("pinged in the first half of the period").isBetween(16L, 48L);
        harness.advance(PING.dividedBy(2));
        assertThat(clients).allSatisfy(client -> assertThat(client.connection.pings()).isEqualTo(1));
    }

    @Test
    void aClientThatAnswersNoPingForTwoPeriodsIsDroppedAndTheRoomHearsOfIt() {
        TestClient silent = harness.joined("r");
        TestClient alive = harness.joined("r");
        alive.clear();
        for (int i = 0; i < 3; i++) {
            harness.advance(PING);
            alive.listener.onPong();
        }
        assertThat(silent.connection.isOpen()).isFalse();
        assertThat(silent.connection.closeCode()).isEqualTo(1001);
        assertThat(alive.connection.isOpen()).isTrue();
        assertThat(alive.last("memberLeft").get("id").asText()).isEqualTo(silent.id());
        assertThat(harness.engine.rooms().toCompletableFuture().join()).containsExactly(new RoomSummary("r", 1));
    }

    @Test
    void aClientIsNotDroppedBeforeTwoSilentPeriods() {
        TestClient client = harness.joined("r");
        harness.advance(PING.multipliedBy(2).minusMillis(1));
        assertThat(client.connection.isOpen()).isTrue();
    }

    @Test
    void messagesCountAsSignsOfLife() {
        TestClient client = harness.joined("r");
        for (int i = 0; i < 10; i++) {
            harness.advance(PING);
            client.send("{\"action\":\"echo\"}");
        }
        assertThat(client.connection.isOpen()).isTrue();
    }

    @Test
    void aSocketThatJoinsNoRoomInTimeIsClosed() {
        Harness strict = new Harness(EngineSettings.DEFAULTS.withJoinTimeout(Duration.ofSeconds(5)));
        TestClient idle = strict.connect();
        TestClient joiner = strict.connect();
        strict.advance(Duration.ofSeconds(4));
        joiner.join("r");
        idle.send("{\"action\":\"echo\"}");
        strict.advance(Duration.ofSeconds(2));
        assertThat(idle.connection.closeCode()).isEqualTo(1008);
        assertThat(joiner.connection.isOpen()).isTrue();
        assertThat(strict.engine.stats().connections()).isEqualTo(1);
    }
}
