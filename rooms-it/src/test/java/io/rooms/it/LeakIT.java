package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.server.ServerSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Churn and concurrency leave nothing behind and lose or duplicate nothing. */
class LeakIT {

    @Test
    void tenThousandJoinsAndLeavesHalfAbruptLeaveNoRoomsNoMembersAndGaugesAtBaseline() throws Exception {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--max-connections", "20000"))) {
            String baseline = gauges(server);
            int total = 10_000;
            int workers = 8;
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        WsProbe client = server.client();
                        client.join("churn-" + (i % 100));
                        if (i % 2 == 0) {
                            client.close();
                        } else {
                            client.abort();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            Await.until("all connections and rooms gone", () -> server.server.engine().stats().connections() == 0
                    && server.server.engine().stats().rooms() == 0);
            assertThat(server.get("/api/rooms").body()).isEqualTo("[]");
            assertThat(gauges(server)).isEqualTo(baseline);
        }
    }

    private static String gauges(TestServer server) {
        String metrics = server.get("/metrics").body();
        return "connections=" + HttpApiIT.metric(metrics, "rooms_connections")
                + " rooms=" + HttpApiIT.metric(metrics, "rooms_rooms");
    }

    @Test
    void fortyClientsJoiningAtOnceEachReceiveTheOthers390MessagesExactlyOnce() throws Exception {
        int clients = 40;
        int each = 10;
        try (TestServer server = new TestServer()) {
            List<WsProbe> probes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                probes.add(server.client());
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> ids = new ArrayList<>();
            for (WsProbe probe : probes) {
                ids.add(pool.submit(() -> {
                    go.await();
                    return probe.join("crowd").get("id").asText();
                }));
            }
            go.countDown();
            Set<String> all = new HashSet<>();
            for (Future<String> id : ids) {
                all.add(id.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(clients);
            Await.until("everyone in the room", () -> server.server.engine().rooms().toCompletableFuture().join().get(0).size() == clients);

            List<Future<?>> sends = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                WsProbe probe = probes.get(c);
                int sender = c;
                sends.add(pool.submit(() -> {
                    for (int m = 0; m < each; m++) {
                        probe.send("{\"action\":\"talkToRoom\",\"data\":\"" + sender + "-" + m + "\"}");
                    }
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
            for (int c = 0; c < clients; c++) {
                WsProbe probe = probes.get(c);
                List<String> received = new ArrayList<>();
                for (int k = 0; k < (clients - 1) * each; k++) {
                    JsonNode message = probe.await("talkToRoom");
                    received.add(message.get("data").asText());
                }
                assertThat(new HashSet<>(received)).hasSize((clients - 1) * each);
                int self = c;
                assertThat(received).noneMatch(data -> data.startsWith(self + "-"));
            }
            // Nothing more: a last message, after all of them in the room's order, is the next one everywhere.
            probes.get(0).send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}");
            probes.get(0).send("{\"action\":\"echo\",\"data\":\"fence\"}");
            assertThat(probes.get(0).until(WsProbe.frame("echo", "fence")).anyBefore("talkToRoom")).isFalse();
            for (int c = 1; c < clients; c++) {
                assertThat(probes.get(c).until(WsProbe.frame("talkToRoom", "fence")).anyBefore("talkToRoom"))
                        .as("client %d got a message twice", c).isFalse();
            }
            pool.shutdown();
            probes.forEach(WsProbe::close);
        }
    }
}
