package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.client.Backoff;
import io.rooms.client.Room;
import io.rooms.client.RoomsClient;
import io.rooms.client.Status;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 Java clients in 20 rooms, each saying a numbered message every 200 ms or so, through a proxy
 * that cuts a random connection every 300 ms: every acknowledged message reaches every other member
 * of its room exactly once, in its sender's order. {@code -Drooms.soak.seconds=60} for the issue's
 * minute (the build runs 15 s).
 */
class JavaClientSoakIT {
    private static final int CLIENTS = 200;
    private static final int ROOMS = 20;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageArrivesOnceInOrderThroughRandomCuts() throws Exception {
        int seconds = Integer.getInteger("rooms.soak.seconds", 15);
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        List<RoomsClient> clients = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "--port", "0", "--host", "127.0.0.1",
                "--db", "jdbc:h2:mem:soak", "--max-messages-per-second", "1000");
                FaultyProxy proxy = new FaultyProxy(server.awaitPort())) {
            URI url = URI.create("ws://127.0.0.1:" + proxy.port() + "/ws");
            List<Room> rooms = new ArrayList<>();
            // what each client received: sender id -> the numbers, in the order they came
            List<Map<String, List<Integer>>> received = new ArrayList<>();
            AtomicInteger reconnects = new AtomicInteger();
            AtomicInteger recovered = new AtomicInteger();
            AtomicInteger notRecovered = new AtomicInteger();
            for (int i = 0; i < CLIENTS; i++) {
                RoomsClient client = RoomsClient.builder(url).callbacks(callbacks)
                        .backoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2)))
                        .requestTimeout(Duration.ofSeconds(seconds + 90)).build();
                clients.add(client);
                client.onStatus(status -> {
                    if (status == Status.RECONNECTING) {
                        reconnects.incrementAndGet();
                    }
                });
                Map<String, List<Integer>> mine = new ConcurrentHashMap<>();
                received.add(mine);
                Room room = client.room("soak-" + (i % ROOMS));
                room.on("talkToRoom", message -> mine.computeIfAbsent(message.from(), f -> new CopyOnWriteArrayList<>())
                        .add(message.data().path("n").asInt()));
                room.on("joined", message -> {
                    if (message.frame().path("recovered").asBoolean()) {
                        recovered.incrementAndGet();
                    } else if (message.frame().has("recovered")) {
                        notRecovered.incrementAndGet();
                    }
                });
                rooms.add(room);
                client.connect();
            }
            for (Room room : rooms) {
                room.joined().get(30, TimeUnit.SECONDS);
            }
            Await.until("everyone knows everyone in its room", Duration.ofSeconds(30),
                    () -> rooms.stream().allMatch(room -> room.members().size() == CLIENTS / ROOMS));

            List<List<CompletableFuture<JsonNode>>> acks = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                acks.add(new CopyOnWriteArrayList<>());
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int cuts = 0;
            long nextCut = System.nanoTime();
            int[] next = new int[CLIENTS];
            long[] due = new long[CLIENTS];
            while (System.nanoTime() < until) {
                long now = System.nanoTime();
                for (int i = 0; i < CLIENTS; i++) {
                    if (now >= due[i]) {
                        acks.get(i).add(rooms.get(i).request("talkToRoom", Map.of("n", ++next[i])));
                        due[i] = now + TimeUnit.MILLISECONDS.toNanos(150 + ThreadLocalRandom.current().nextInt(100));
                    }
                }
                if (now >= nextCut) {
                    cuts += proxy.cutOne() ? 1 : 0;
                    nextCut = now + TimeUnit.MILLISECONDS.toNanos(300);
                }
                Thread.sleep(5); // the pace of the load
            }
            int sent = 0;
            for (List<CompletableFuture<JsonNode>> each : acks) {
                CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
                sent += each.size();
            }
            Map<Integer, String> ids = new ConcurrentHashMap<>();
            for (int i = 0; i < CLIENTS; i++) {
                ids.put(i, clients.get(i).id());
            }
            try {
            Await.until("every acknowledged message reaches every other member of its room", Duration.ofSeconds(60), () -> {
                for (int r = 0; r < CLIENTS; r++) {
                    for (int s = r % ROOMS; s < CLIENTS; s += ROOMS) {
                        if (s != r && received.get(r).getOrDefault(ids.get(s), List.of()).size() < next[s]) {
                            return false;
                        }
                    }
                }
                return true;
            });
            } catch (AssertionError e) {
                StringBuilder why = new StringBuilder();
                int shown = 0;
                for (int r = 0; r < CLIENTS && shown < 8; r++) {
                    for (int s = r % ROOMS; s < CLIENTS && shown < 8; s += ROOMS) {
                        List<Integer> got = received.get(r).getOrDefault(ids.get(s), List.of());
                        if (s != r && got.size() < next[s]) {
                            List<Integer> missing = new ArrayList<>();
                            for (int n = 1; n <= next[s]; n++) {
                                if (!got.contains(n)) {
                                    missing.add(n);
                                }
                            }
                            why.append(String.format("%n client %d (%s) from %d: got %d of %d, missing %s", r,
                                    clients.get(r).status(), s, got.size(), next[s], missing.subList(0, Math.min(10, missing.size()))));
                            shown++;
                        }
                    }
                }
                String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.awaitPort() + "/metrics")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body().lines()
                        .filter(line -> line.contains("resum") || line.contains("recover")).toList().toString();
                throw new AssertionError(e.getMessage() + "; " + metrics + "; cuts " + cuts + ", reconnects " + reconnects + ", recovered "
                        + recovered + ", afresh " + (notRecovered.get() - CLIENTS) + why, e);
            }
            long deliveries = 0;
            for (int r = 0; r < CLIENTS; r++) {
                for (int s = r % ROOMS; s < CLIENTS; s += ROOMS) {
                    if (s == r) {
                        continue;
                    }
                    List<Integer> got = received.get(r).get(ids.get(s));
                    List<Integer> expected = new ArrayList<>();
                    for (int n = 1; n <= next[s]; n++) {
                        expected.add(n);
                    }
                    assertThat(got).as("client %d from client %d: each once, in order", r, s).containsExactlyElementsOf(expected);
                    deliveries += got.size();
                }
            }
            System.out.printf("soak: %d clients in %d rooms for %d s; %d messages acknowledged, %d deliveries, %d cuts,"
                    + " %d reconnects, %d rooms resumed (recovered) and %d joined afresh after a cut; no loss, no repeat, every"
                    + " sender's order kept%n", CLIENTS, ROOMS, seconds, sent, deliveries, cuts, reconnects.get(),
                    recovered.get(), notRecovered.get() - CLIENTS);
            assertThat(cuts).as("cuts made").isGreaterThan(seconds);
        } finally {
            clients.forEach(RoomsClient::close);
            callbacks.shutdown();
        }
    }
}
