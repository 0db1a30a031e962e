package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.client.Backoff;
import io.rooms.client.Room;
import io.rooms.client.RoomsClient;
import io.rooms.client.Status;
import io.rooms.cluster.redis.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one Redis behind the docs' {@code nginx-cluster.conf}, and two Java clients talking
 * through it. The node the roaming client is on is SIGKILLed while both keep sending; the client
 * resumes on the other node. That node is restarted, and the node the client is on now is killed in
 * turn. Every message either client sent reaches the other once, in the order it was sent.
 */
class JavaClientClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private RedisServer redis;
    private final int[] ports = new int[2];
    private final ServerProcess[] nodes = new ServerProcess[2];

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aClientWhoseNodeIsKilledResumesOnTheOtherAndEveryMessageEitherWayArrivesOnceInOrder() throws Exception {
        redis = RedisServer.start();
        for (int i = 0; i < 2; i++) {
            ports[i] = Nginx.freePort();
            startNode(i);
        }
        int port = Nginx.freePort();
        String site = Nginx.site("nginx-cluster.conf").replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("127.0.0.1:7070", "127.0.0.1:" + ports[0]).replace("127.0.0.1:7071", "127.0.0.1:" + ports[1]);
        assertThat(site).contains("127.0.0.1:" + port + ";", "127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
        Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
        open.add(Nginx.start(nginxDir, site, port));
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws");

        RoomsClient roamer = client(uri);
        roamer.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Room roamerRoom = roamer.room("match");
        AtomicInteger resumed = new AtomicInteger();
        roamerRoom.on("joined", joined -> {
            if (joined.frame().path("recovered").asBoolean()) {
                resumed.incrementAndGet();
            }
        });
        List<Integer> heardByRoamer = numbers(roamerRoom);
        roamerRoom.joined().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        int first = nodeWithConnections();
        String id = roamer.id();

        RoomsClient talker = client(uri);
        talker.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Room talkerRoom = talker.room("match");
        List<Integer> heardByTalker = numbers(talkerRoom);
        talkerRoom.joined().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Sender fromRoamer = new Sender(roamerRoom);
        Sender fromTalker = new Sender(talkerRoom);
        try {
            Await.until("both hear each other", WAIT, () -> !heardByRoamer.isEmpty() && !heardByTalker.isEmpty());

            // Kill the node the roamer is on; it can only come back on the other.
            kill(first, roamer, resumed, 1);
            startNode(first);
            int sentSoFar = fromRoamer.sent();
            Await.until("the talker has what the roamer said up to the restart", WAIT, () -> heardByTalker.size() >= sentSoFar);
            // Kill again: the roamer is on the other node now, and comes back on the restarted one.
            kill(1 - first, roamer, resumed, 2);
            assertThat(roamer.id()).as("the same member throughout").isEqualTo(id);
        } finally {
            fromRoamer.stop();
            fromTalker.stop();
        }
        Await.holdsWithin(WAIT, () -> heardByRoamer.size() >= fromTalker.sent() && heardByTalker.size() >= fromRoamer.sent());
        System.out.printf("JavaClientClusterIT: roamer %s, heard %d; talker %s, heard %d%n",
                fromRoamer, heardByRoamer.size(), fromTalker, heardByTalker.size());
        assertThat(heardByRoamer).as("the talker's messages, as the roamer heard them").containsExactlyElementsOf(range(fromTalker.sent()));
        assertThat(heardByTalker).as("the roamer's messages, as the talker heard them").containsExactlyElementsOf(range(fromRoamer.sent()));
    }

    /** SIGKILLs node {@code index} and waits for the roamer's room to be resumed for the {@code times}th time. */
    private void kill(int index, RoomsClient roamer, AtomicInteger resumed, int times) throws Exception {
        long killedAt = System.nanoTime();
        nodes[index].kill();
        nodes[index].awaitExit(WAIT);
        nodes[index].close();
        Await.until("the roamer is back on the other node, its room resumed", WAIT,
                () -> resumed.get() >= times && roamer.status() == Status.CONNECTED);
        assertThat(resumed.get()).as("resumed once per kill").isEqualTo(times);
        System.out.printf("JavaClientClusterIT: node %d killed, the roamer resumed %d ms later%n",
                index, (System.nanoTime() - killedAt) / 1_000_000);
    }

    private void startNode(int index) throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve("node" + index));
        nodes[index] = ServerProcess.start(nodeDir, Map.of(), "--port", Integer.toString(ports[index]), "--host", "127.0.0.1",
                "--db", "jdbc:h2:mem:node" + index, "--cluster", redis.uri().toString(), "--history-size", "2048");
        nodes[index].awaitPort();
    }

    /** The one node that has a connection (the roamer's, when it is the only client). */
    private int nodeWithConnections() throws Exception {
        List<Integer> with = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports[i] + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            double connections = HttpApiIT.metric(metrics, "rooms_connections");
            assertThat(connections).as("rooms_connections in %s", metrics).isNotNaN();
            if (connections > 0) {
                with.add(i);
            }
        }
        assertThat(with).as("the nodes with a connection").hasSize(1);
        return with.get(0);
    }

    private RoomsClient client(URI uri) {
        RoomsClient client = RoomsClient.builder(uri).backoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .requestTimeout(WAIT).build();
        open.add(client);
        return client;
    }

    /** The numbers the room's other member said, in the order heard. */
    private static List<Integer> numbers(Room room) {
        List<Integer> heard = new CopyOnWriteArrayList<>();
        room.on("talkToRoom", message -> heard.add(message.data().asInt()));
        return heard;
    }

    private static List<Integer> range(int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    /** Says 1, 2, 3... in a room every 20 ms, connected or not: the client keeps what it cannot send yet. */
    private static final class Sender {
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger acked = new AtomicInteger();
        private final List<String> failed = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Sender(Room room) {
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        int n = sent.get() + 1;
                        room.request("talkToRoom", n).whenComplete((ack, failure) -> {
                            if (failure == null) {
                                acked.incrementAndGet();
                            } else {
                                failed.add(n + ": " + failure);
                            }
                        });
                        sent.incrementAndGet();
                        Thread.sleep(20); // the pace of the traffic, not a wait for anything
                    }
                } catch (InterruptedException stopped) {
                    // done
                }
            }, "sender-" + room.name());
            thread.setDaemon(true);
            thread.start();
        }

        int sent() {
            return sent.get();
        }

        @Override
        public String toString() {
            return "sent " + sent + ", acknowledged " + acked + ", failed " + failed;
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
