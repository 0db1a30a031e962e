package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.cluster.redis.RedisClusterSettings;
import io.rooms.cluster.redis.RedisShards;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of the jar on a real Redis Cluster (three masters, three replicas, {@code --cluster
 * redis-cluster://}): rooms on every shard, a master SIGKILLed under load, a busy room's slot moved
 * under load, and a client of a SIGKILLed node resuming on the other.
 */
class ShardedClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger NODES = new AtomicInteger();
    private static RedisShards shards;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // a failure leaves the nodes' logs
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startRedisCluster() throws Exception {
        shards = RedisShards.start();
    }

    @AfterAll
    static void stopRedisCluster() throws Exception {
        shards.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ServerProcess node() throws Exception {
        String name = "node" + NODES.incrementAndGet();
        ServerProcess node = ServerProcess.start(Files.createDirectories(dir.resolve(name)), Map.of(), "--port", "0",
                "--host", "127.0.0.1", "--db", "jdbc:h2:mem:" + name, "--max-messages-per-second", "1000",
                // what a slot move holds back at this test's rates, for a node's read of a gap (docs/cluster.md)
                "--history-size", "4096",
                "--cluster", shards.uri().toString());
        open.add(node);
        node.awaitPort();
        return node;
    }

    private WsProbe client(ServerProcess node) {
        WsProbe probe = WsProbe.connect(URI.create("ws://127.0.0.1:" + node.awaitPort() + "/ws"));
        open.add(probe);
        return probe;
    }

    private static int masterOf(String room) throws Exception {
        return shards.masterOfRoom(RedisClusterSettings.DEFAULT_PREFIX, room);
    }

    private static String roomNotOn(String name, Set<Integer> avoid) throws Exception {
        return shards.roomNotOn(RedisClusterSettings.DEFAULT_PREFIX, name, avoid);
    }

    private static JsonNode get(ServerProcess node, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.awaitPort() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static List<String> members(ServerProcess node, String room) throws Exception {
        List<String> ids = new ArrayList<>();
        get(node, "/api/rooms/" + room).path("members").forEach(member -> ids.add(member.get("id").asText()));
        return ids;
    }

    @Test
    void roomsOnEveryShardCarryMessagesAcrossNodesOnceInOrderAndAreListedEverywhere() throws Exception {
        ServerProcess one = node();
        ServerProcess two = node();
        Set<Integer> shardsUsed = new TreeSet<>();
        List<String> rooms = new ArrayList<>();
        for (int i = 0; shardsUsed.size() < 3 || rooms.size() < 6; i++) {
            rooms.add("everywhere-" + i);
            shardsUsed.add(masterOf("everywhere-" + i));
        }
        List<WsProbe> senders = new ArrayList<>();
        List<WsProbe> listeners = new ArrayList<>();
        for (String room : rooms) {
            WsProbe sender = client(one);
            sender.join(room);
            WsProbe listener = client(two);
            listener.join(room);
            sender.await("memberJoined");
            senders.add(sender);
            listeners.add(listener);
        }
        for (int n = 0; n < 20; n++) {
            for (WsProbe sender : senders) {
                sender.send("{\"action\":\"talkToRoom\",\"data\":" + n + "}");
            }
        }
        for (int r = 0; r < rooms.size(); r++) {
            for (int n = 0; n < 20; n++) {
                assertThat(listeners.get(r).await("talkToRoom").get("data").asInt()).as("room %s", rooms.get(r)).isEqualTo(n);
            }
            senders.get(r).send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}");
            assertThat(listeners.get(r).until(WsProbe.frame("talkToRoom", "fence")).anyBefore("talkToRoom"))
                    .as("nothing twice in %s", rooms.get(r)).isFalse();
        }
        for (ServerProcess node : List.of(one, two)) {
            Await.until("every room is listed with its two members on each node", () -> {
                try {
                    JsonNode listed = get(node, "/api/rooms");
                    int found = 0;
                    for (JsonNode room : listed) {
                        if (rooms.contains(room.path("room").asText()) && room.path("size").asInt() == 2) {
                            found++;
                        }
                    }
                    return found == rooms.size();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aMasterKilledUnderLoadStopsItsRoomsForAtMostTenSecondsAndNoOtherRoomAtAll() throws Exception {
        int nodesShard = shards.masterOf(RedisClusterSettings.DEFAULT_PREFIX + "{nodes}:beats");
        String hit = roomNotOn("hit", Set.of(nodesShard));
        String spared = roomNotOn("spared", Set.of(masterOf(hit), shards.replicaOf(masterOf(hit))));
        ServerProcess one = node();
        ServerProcess two = node();
        Talk hitTalk = new Talk(client(one), client(two), hit);
        Talk sparedTalk = new Talk(client(one), client(two), spared);
        hitTalk.flowFor(Duration.ofMillis(500));
        sparedTalk.flowFor(Duration.ofMillis(500));

        List<Long> took = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // kill, start again, kill the new master
            int master = masterOf(hit);
            shards.kill(master);
            long killedAt = System.nanoTime();
            int firstAfterKill = hitTalk.sent() + 1;
            long back = hitTalk.untilReceived(firstAfterKill, Duration.ofSeconds(20));
            took.add((back - killedAt) / 1_000_000);
            sparedTalk.flowFor(Duration.ofMillis(200));
            shards.restart(master);
            shards.awaitHealthy();
            hitTalk.flowFor(Duration.ofSeconds(1));
            sparedTalk.flowFor(Duration.ofSeconds(1));
        }
        System.out.printf("master kill (jar): room %s delivered again %s ms after each of its masters' SIGKILL; %d"
                + " errors to its sender; the spared room %s: %d sent, %d errors%n", hit, took, hitTalk.errors(), spared,
                sparedTalk.sent(), sparedTalk.errors());

        assertThat(took).as("ms until the room on the killed shard delivers again").allMatch(ms -> ms <= 10_000);
        hitTalk.assertInOrderWithoutRepeats();
        sparedTalk.assertEverySentArrivedInOrder();
        assertThat(sparedTalk.errors()).as("the spared room's sender got no error").isZero();
        for (ServerProcess node : List.of(one, two)) {
            Await.until("each node lists both members of each room", Duration.ofSeconds(10), () -> {
                try {
                    return members(node, hit).size() == 2 && members(node, spared).size() == 2;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    @Test
    void aBusyRoomsSlotMovedUnderLoadKeepsDeliveringInOrderWithoutRepeats() throws Exception {
        String room = "moving";
        ServerProcess one = node();
        ServerProcess two = node();
        Talk talk = new Talk(client(one), client(two), room);
        talk.flowFor(Duration.ofMillis(500));
        int home = masterOf(room);
        int away = shards.masters().stream().filter(port -> port != home).findFirst().orElseThrow();
        for (int to : new int[] {away, home}) {
            shards.moveSlotOf(RedisClusterSettings.DEFAULT_PREFIX + "{" + room + "}:order", to);
            int after = talk.sent() + 1;
            talk.untilReceived(after, Duration.ofSeconds(10));
            talk.flowFor(Duration.ofMillis(500));
        }
        System.out.printf("slot move (jar): %d sent, %d errors to the sender%n", talk.sent(), talk.errors());
        talk.assertInOrderWithoutRepeats();
    }

    @Test
    void aClientOfAKilledNodeResumesOnTheOtherWithEveryMessageItMissedAndNoRepeat() throws Exception {
        ServerProcess survivor = node();
        ServerProcess doomed = node();
        WsProbe b = client(survivor);
        b.join("resume");
        WsProbe a = client(doomed);
        JsonNode joined = a.join("resume");
        b.await("memberJoined");
        b.send("{\"action\":\"talkToRoom\",\"data\":\"seen\"}");
        long seen = a.await("talkToRoom").get("seq").asLong();
        a.send("{\"action\":\"talkToRoom\",\"data\":\"once\",\"ref\":\"k1\"}");
        a.await("ack");
        assertThat(b.await("talkToRoom").get("data").asText()).isEqualTo("once");

        doomed.kill();
        for (int i = 0; i < 5; i++) {
            b.send("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
        }
        b.send("{\"action\":\"echo\"}");
        b.await("echo");

        WsProbe back = client(survivor);
        back.send("{\"action\":\"newClient\",\"room\":\"resume\",\"resume\":{\"session\":\""
                + joined.get("session").asText() + "\",\"seq\":" + seen + "}}");
        JsonNode rejoined = back.await("joined");
        assertThat(rejoined.get("recovered").asBoolean()).isTrue();
        assertThat(rejoined.get("id").asText()).isEqualTo(joined.get("id").asText());
        for (int i = 0; i < 5; i++) {
            assertThat(back.await("talkToRoom").get("data").asInt()).isEqualTo(i);
        }
        back.send("{\"action\":\"talkToRoom\",\"data\":\"once\",\"ref\":\"k1\"}");
        assertThat(back.await("ack").get("ref").asText()).as("acknowledged again").isEqualTo("k1");
        back.send("{\"action\":\"talkToRoom\",\"data\":\"after once\"}");
        WsProbe.Fenced afterOnce = b.until(WsProbe.frame("talkToRoom", "after once"));
        assertThat(afterOnce.anyBefore("talkToRoom")).as("not delivered twice, though its node died: %s",
                afterOnce.before()).isFalse();
    }

    /** One sender on one node and one listener on the other, in one room: numbered messages, and what arrived. */
    private static final class Talk {
        private final WsProbe sender;
        private final WsProbe listener;
        private final List<Integer> received = new ArrayList<>();
        private int sent;
        private int errors;

        Talk(WsProbe sender, WsProbe listener, String room) {
            this.sender = sender;
            this.listener = listener;
            sender.join(room);
            listener.join(room);
            sender.await("memberJoined");
        }

        int sent() {
            return sent;
        }

        int errors() {
            return errors;
        }

        /** Says one message every 5 ms for {@code time}, reading what arrived meanwhile. */
        void flowFor(Duration time) throws InterruptedException {
            long until = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < until) {
                step();
                Thread.sleep(5); // the pace of the load: about 200 messages a second
            }
        }

        /** Goes on saying until message {@code number} arrives; when it did (nanoTime). */
        long untilReceived(int number, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (received.stream().noneMatch(n -> n >= number)) {
                assertThat(System.nanoTime()).as("message %d arrives within %s", number, limit).isLessThan(deadline);
                step();
                Thread.sleep(5); // the pace of the load
            }
            return System.nanoTime();
        }

        private void step() {
            sent++;
            sender.send("{\"action\":\"talkToRoom\",\"data\":" + sent + "}");
            for (JsonNode frame : sender.drain()) {
                if ("error".equals(frame.path("action").asText())) {
                    errors++;
                }
            }
            for (JsonNode frame : listener.drain()) {
                if ("talkToRoom".equals(frame.path("action").asText())) {
                    received.add(frame.get("data").asInt());
                }
            }
        }

        void assertInOrderWithoutRepeats() {
            assertThat(received).isSorted().doesNotHaveDuplicates();
        }

        void assertEverySentArrivedInOrder() throws InterruptedException {
            Await.until("every message arrives", Duration.ofSeconds(10), () -> {
                for (JsonNode frame : listener.drain()) {
                    if ("talkToRoom".equals(frame.path("action").asText())) {
                        received.add(frame.get("data").asInt());
                    }
                }
                return received.size() >= sent;
            });
            List<Integer> all = new ArrayList<>();
            for (int n = 1; n <= sent; n++) {
                all.add(n);
            }
            assertThat(received).containsExactlyElementsOf(all);
        }
    }
}
