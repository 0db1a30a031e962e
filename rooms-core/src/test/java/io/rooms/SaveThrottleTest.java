package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.RoomStore;
import io.rooms.spi.StoredState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class SaveThrottleTest {
    private static final Duration INTERVAL = SavePolicy.DEFAULTS.interval();
    private final Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxMessagesPerSecond(10_000));

    private static void move(TestClient client, int value) {
        client.send("{\"action\":\"move\",\"data\":{\"v\":" + value + "}}");
    }

    @Test
    void twoHundredUpdatesInOneIntervalGiveOneWriteOfTheLast() {
        TestClient client = harness.joined("r");
        for (int i = 1; i <= 200; i++) {
            move(client, i);
        }
        assertThat(harness.store.writes()).isEmpty();
        harness.advance(INTERVAL);
        assertThat(harness.store.writes()).containsExactly(new RecordingStore.Write("r", "{\"v\":200}"));
        assertThat(harness.engine.stats().stateSaves()).isEqualTo(1);
        assertThat(harness.engine.stats().stateSavesSkipped()).isEqualTo(199);
    }

    @Test
    void aFirstChangeIsWrittenAtOnceAndTheNextOnesOfItsIntervalAtTheIntervalsEnd() {
        TestClient client = harness.joined("r");
        move(client, 1);
        harness.advance(Duration.ZERO); // the scheduler's next turn
        assertThat(harness.store.writes()).extracting(RecordingStore.Write::json).containsExactly("{\"v\":1}");
        move(client, 2);
        move(client, 3);
        harness.advance(INTERVAL.minusMillis(1));
        assertThat(harness.store.writes()).hasSize(1);
        harness.advance(Duration.ofMillis(1));
        assertThat(harness.store.writes()).extracting(RecordingStore.Write::json)
                .containsExactly("{\"v\":1}", "{\"v\":3}");
        harness.advance(INTERVAL.multipliedBy(5)); // a quiet spell: the next change is the first again
        move(client, 4);
        harness.advance(Duration.ZERO);
        assertThat(harness.store.saved("r")).isEqualTo("{\"v\":4}");
    }

    @Test
    void aStateIdenticalToTheSavedOneIsNeverWritten() {
        TestClient client = harness.joined("r");
        move(client, 1);
        harness.advance(INTERVAL);
        for (int i = 0; i < 10; i++) {
            move(client, 1);
            harness.advance(INTERVAL);
        }
        assertThat(harness.store.writes()).hasSize(1);
    }

    @Test
    void goingBackToTheSavedStateCancelsThePendingWrite() {
        TestClient client = harness.joined("r");
        move(client, 1);
        harness.advance(INTERVAL);
        move(client, 2);
        move(client, 1);
        harness.advance(INTERVAL.multipliedBy(3));
        assertThat(harness.store.writes()).extracting(RecordingStore.Write::json).containsExactly("{\"v\":1}");
    }

    @Test
    void atMostOneWritePerIntervalAndTheLatestStateIsWrittenLast() {
        TestClient client = harness.joined("r");
        for (int i = 1; i <= 50; i++) {
            move(client, i);
            harness.advance(INTERVAL.dividedBy(10));
        }
        assertThat(harness.store.writes().size()).isBetween(4, 6);
        harness.advance(INTERVAL);
        assertThat(harness.store.saved("r")).isEqualTo("{\"v\":50}");
    }

    @Test
    void aSlowWriteDoesNotDelayTheNextPastOneIntervalFromItsStart() {
        FakeScheduler clock = new FakeScheduler();
        long zero = clock.nanoTime();
        List<String> started = new ArrayList<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        RoomStore slow = new RoomStore() {
            @Override
            public CompletionStage<Void> save(String room, String stateJson) {
                started.add(stateJson + " at " + (clock.nanoTime() - zero) / 1_000_000 + " ms");
                CompletableFuture<Void> write = new CompletableFuture<>();
                inFlight.add(write);
                return write;
            }

            @Override
            public CompletionStage<Optional<StoredState>> load(String room) {
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public CompletionStage<List<String>> list() {
                return CompletableFuture.completedFuture(List.of());
            }

            @Override
            public CompletionStage<Void> delete(String room) {
                return CompletableFuture.completedFuture(null);
            }
        };
        RoomsEngine engine = RoomsEngine.builder().scheduler(clock).store(slow).flushExecutor(Runnable::run).build();
        FakeConnection connection = new FakeConnection();
        TestClient client = new TestClient(connection, engine.open(connection));
        client.join("r");
        move(client, 1);
        clock.advance(Duration.ZERO);
        move(client, 2);
        clock.advance(INTERVAL.multipliedBy(7).dividedBy(10));
        inFlight.get(0).complete(null); // the first write took 70% of an interval
        clock.advance(INTERVAL.multipliedBy(3).dividedBy(10));
        assertThat(started).containsExactly("{\"v\":1} at 0 ms", "{\"v\":2} at 1000 ms");
    }

    @Test
    void ignoredActionsNeverBecomeTheState() {
        TestClient client = harness.joined("r");
        move(client, 1);
        for (String action : Set.of("moving", "freeze", "talkToRoom", "echo", "emptyRoom")) {
            client.send("{\"action\":\"" + action + "\",\"data\":{\"v\":666}}");
        }
        harness.advance(INTERVAL.multipliedBy(2));
        assertThat(harness.store.writes()).extracting(RecordingStore.Write::json).containsExactly("{\"v\":1}");
    }

    @Test
    void theIgnoredSetIsConfigurable() {
        Harness custom = new Harness(EngineSettings.DEFAULTS,
                SavePolicy.DEFAULTS.withIgnoredActions(Set.of("move")));
        TestClient client = custom.joined("r");
        client.send("{\"action\":\"move\",\"data\":1}");
        client.send("{\"action\":\"freeze\",\"data\":2}");
        custom.advance(INTERVAL);
        assertThat(custom.store.saved("r")).isEqualTo("2");
    }

    @Test
    void aSimilarityTestSkipsNearDuplicates() {
        Harness custom = new Harness(EngineSettings.DEFAULTS,
                SavePolicy.DEFAULTS.withSimilarity((saved, next) -> Math.abs(saved.length() - next.length()) < 3));
        TestClient client = custom.joined("r");
        client.send("{\"action\":\"move\",\"data\":\"aaaa\"}");
        custom.advance(INTERVAL);
        client.send("{\"action\":\"move\",\"data\":\"aaab\"}");
        custom.advance(INTERVAL);
        client.send("{\"action\":\"move\",\"data\":\"aaaaaaaaa\"}");
        custom.advance(INTERVAL);
        assertThat(custom.store.writes()).extracting(RecordingStore.Write::json)
                .containsExactly("\"aaaa\"", "\"aaaaaaaaa\"");
    }

    @Test
    void whenTheLastMemberLeavesThePendingStateIsWrittenAtOnce() {
        TestClient client = harness.joined("r");
        move(client, 3);
        client.send("{\"action\":\"leave\"}");
        assertThat(harness.store.saved("r")).isEqualTo("{\"v\":3}");
    }

    @Test
    void shutdownWritesEveryPendingState() {
        TestClient a = harness.joined("a");
        TestClient b = harness.joined("b");
        move(a, 1);
        move(b, 2);
        assertThat(harness.engine.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(harness.store.saved("a")).isEqualTo("{\"v\":1}");
        assertThat(harness.store.saved("b")).isEqualTo("{\"v\":2}");
        assertThat(a.connection.closeCode()).isEqualTo(1001);
    }

    @Test
    void drainClosesTheClientsOneByOneOverThePeriodAndServesTheRestMeanwhile() {
        List<TestClient> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(harness.joined("r"));
        }
        java.util.concurrent.CompletableFuture<Void> drained =
                harness.engine.drain(Duration.ofSeconds(10)).toCompletableFuture();
        for (int second = 0; second < 10; second++) {
            harness.advance(second == 0 ? Duration.ZERO : Duration.ofSeconds(1));
            long open = clients.stream().filter(c -> c.connection.isOpen()).count();
            assertThat(open).as("open %d s into a 10 s drain of 10", second).isEqualTo(9 - second);
            if (second < 9) {
                assertThat(drained).isNotDone();
            }
        }
        assertThat(drained).isCompleted();
        assertThat(clients).allSatisfy(c -> assertThat(c.connection.closeCode()).isEqualTo(1001));
    }

    @Test
    void aStoreOutageIsRetriedAndTheLatestStateIsWrittenWhenItIsBack() {
        TestClient client = harness.joined("r");
        harness.store.setDown(true);
        move(client, 1);
        harness.advance(INTERVAL);
        move(client, 2);
        harness.advance(INTERVAL.multipliedBy(4));
        assertThat(harness.store.failures()).isGreaterThanOrEqualTo(2);
        assertThat(harness.engine.stats().storeFailures()).isEqualTo(harness.store.failures());
        harness.store.setDown(false);
        harness.advance(Duration.ofSeconds(31));
        assertThat(harness.store.saved("r")).isEqualTo("{\"v\":2}");
        assertThat(harness.engine.room("r").toCompletableFuture().join().orElseThrow().state()).isEqualTo("{\"v\":2}");
    }

    @Test
    void duringAnOutageNewcomersStillGetTheLatestState() {
        TestClient client = harness.joined("r");
        harness.store.setDown(true);
        move(client, 9);
        client.send("{\"action\":\"leave\"}");
        TestClient newcomer = harness.joined("r");
        assertThat(newcomer.last("state").get("data").get("v").asInt()).isEqualTo(9);
    }
}
