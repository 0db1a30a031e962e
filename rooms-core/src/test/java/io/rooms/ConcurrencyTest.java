package io.rooms;

import io.rooms.spi.MemberInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void concurrentJoinsSendsAndLeavesLoseNoMemberAndDeliverNothingTwice() throws Exception {
        Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxMessagesPerSecond(100_000));
        List<TestClient> observers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            observers.add(harness.joined("hot"));
        }
        int threads = 8;
        int messagesPerThread = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TestClient>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(pool.submit(() -> {
                start.await();
                TestClient sender = harness.joined("hot");
                for (int i = 0; i < messagesPerThread; i++) {
                    sender.send("{\"action\":\"talkToRoom\",\"data\":\"" + thread + "-" + i + "\"}");
                    if (i % 50 == 0) {
                        TestClient churn = harness.joined("hot");
                        churn.listener.onClose(1000, "bye");
                    }
                }
                return sender;
            }));
        }
        start.countDown();
        List<TestClient> joinedSenders = new ArrayList<>();
        for (Future<TestClient> sender : senders) {
            joinedSenders.add(sender.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        for (TestClient observer : observers) {
            List<String> received = observer.framesOf("talkToRoom").stream().map(f -> f.get("data").asText()).toList();
            assertThat(received).hasSize(threads * messagesPerThread);
            assertThat(new HashSet<>(received)).hasSize(threads * messagesPerThread);
        }
        RoomView view = harness.engine.room("hot").toCompletableFuture().join().orElseThrow();
        Set<String> expected = new HashSet<>();
        observers.forEach(o -> expected.add(o.id()));
        joinedSenders.forEach(s -> expected.add(s.id()));
        assertThat(view.members()).extracting(MemberInfo::id).containsExactlyInAnyOrderElementsOf(expected);

        for (TestClient client : joinedSenders) {
            List<JsonNode> frames = client.framesOf("talkToRoom");
            assertThat(frames).noneMatch(f -> f.get("from").asText().equals(client.id()));
        }
    }

    @Test
    void perSenderOrderIsKept() throws Exception {
        Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxMessagesPerSecond(100_000));
        TestClient observer = harness.joined("r");
        List<TestClient> senders = List.of(harness.joined("r"), harness.joined("r"), harness.joined("r"));
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        for (TestClient sender : senders) {
            pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    sender.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (TestClient sender : senders) {
            List<Integer> seen = observer.framesOf("talkToRoom").stream()
                    .filter(f -> f.get("from").asText().equals(sender.id()))
                    .map(f -> f.get("data").asInt()).toList();
            assertThat(seen).isSorted().hasSize(500);
        }
    }

    @Test
    void concurrentJoinsOfNewRoomsNeverPassTheRoomLimit() throws Exception {
        int limit = 5;
        for (int round = 0; round < 20; round++) {
            Harness harness = new Harness(EngineSettings.DEFAULTS.withMaxRooms(limit));
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> joins = new ArrayList<>();
            for (int t = 0; t < threads * 4; t++) {
                String room = "room-" + t;
                joins.add(pool.submit(() -> {
                    TestClient client = harness.connect();
                    start.await();
                    client.send("{\"action\":\"newClient\",\"room\":\"" + room + "\"}");
                    return client.last("joined") != null;
                }));
            }
            start.countDown();
            int joined = 0;
            for (Future<Boolean> join : joins) {
                joined += join.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            pool.shutdown();
            assertThat(joined).as("round %d", round).isEqualTo(limit);
            assertThat(harness.engine.stats().rooms()).isEqualTo(limit);
        }
    }
}
