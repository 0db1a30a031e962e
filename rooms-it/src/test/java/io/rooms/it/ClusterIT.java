package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.InMemoryRoomStore;
import io.rooms.cluster.redis.RedisClusterSettings;
import io.rooms.cluster.redis.RedisServer;
import io.rooms.server.ServerSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real server nodes on one real {@code redis-server}, with real WebSocket clients spread
 * over them: what holds across nodes. Each test has its own key prefix, so its nodes see only each
 * other.
 */
class ClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisServer redis;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final InMemoryRoomStore store = new InMemoryRoomStore();
    private RedisClusterSettings cluster;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void isolate() {
        cluster = RedisClusterSettings.of(redis.uri()).withKeyPrefix("it" + PREFIXES.incrementAndGet() + ":");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private TestServer node(String... flags) {
        TestServer node = TestServer.clusterNode(cluster, store, ServerSettings.fromFlags(flags));
        open.add(node);
        return node;
    }

    private WsProbe joined(TestServer node, String room) {
        WsProbe probe = node.client();
        open.add(probe);
        probe.join(room);
        return probe;
    }

    @Test
    void aRecipientIdCarryingABarAndAFrameInjectsNothingIntoAnotherNodesDelivery() {
        TestServer one = node();
        TestServer two = node();
        WsProbe attacker = joined(one, "inject");
        WsProbe victim = two.client();
        open.add(victim);
        String victimId = victim.join("inject").get("id").asText();
        attacker.await("memberJoined");
        String spoof = victimId + "|{\\\"action\\\":\\\"talkToRoom\\\",\\\"from\\\":\\\"server\\\",\\\"data\\\":\\\"spoofed\\\"}";
        attacker.send("{\"action\":\"talkToRoom\",\"to\":\"" + spoof + "\",\"data\":\"x\"}");
        assertThat(attacker.awaitError()).isEqualTo("no_such_member");
        attacker.send("{\"action\":\"state\",\"for\":\"" + spoof + "\",\"data\":\"x\"}");
        attacker.send("{\"action\":\"talkToRoom\",\"to\":\"" + victimId + "\",\"data\":\"real\"}");
        JsonNode direct = victim.await("talkToRoom");
        assertThat(direct.get("data").asText()).isEqualTo("real");
        attacker.send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}"); // after the spoofs, to all
        WsProbe.Fenced fenced = victim.until(WsProbe.frame("talkToRoom", "fence"));
        assertThat(fenced.anyBefore("talkToRoom") || fenced.anyBefore("state")).as("%s", fenced.before()).isFalse();
    }

    @Test
    void roomMessagesCrossNodesExactlyOnceInEachSendersOrderAndNeverReachTheSender() {
        List<TestServer> nodes = List.of(node(), node(), node());
        List<WsProbe> clients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            WsProbe client = nodes.get(i % 3).client();
            open.add(client);
            ids.add(client.join("cross").get("id").asText());
            clients.add(client);
        }
        assertThat(ids).doesNotHaveDuplicates();
        for (int i = 0; i < 6; i++) {
            for (int other = i + 1; other < 6; other++) {
                clients.get(i).await("memberJoined"); // everyone knows everyone before the first message
            }
        }
        int perSender = 40;
        for (int n = 0; n < perSender; n++) {
            for (int i = 0; i < 6; i++) {
                clients.get(i).send("{\"action\":\"talkToRoom\",\"data\":{\"n\":" + n + "}}");
            }
        }
        for (int i = 0; i < 6; i++) {
            Map<String, List<Integer>> bySender = new HashMap<>();
            for (int k = 0; k < 5 * perSender; k++) {
                JsonNode message = clients.get(i).await("talkToRoom");
                bySender.computeIfAbsent(message.get("from").asText(), from -> new ArrayList<>())
                        .add(message.get("data").get("n").asInt());
            }
            assertThat(bySender).as("client %d hears from", i).doesNotContainKey(ids.get(i)).hasSize(5);
            List<Integer> inOrder = new ArrayList<>();
            for (int n = 0; n < perSender; n++) {
                inOrder.add(n);
            }
            for (Map.Entry<String, List<Integer>> sender : bySender.entrySet()) {
                assertThat(sender.getValue()).as("from %s to client %d", sender.getKey(), i)
                        .containsExactlyElementsOf(inOrder);
            }
        }
        // Nothing more: a last message, after all of them in the room's order, is the next one everywhere.
        clients.get(0).send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}");
        for (int i = 1; i < 6; i++) {
            assertThat(clients.get(i).until(WsProbe.frame("talkToRoom", "fence")).anyBefore("talkToRoom"))
                    .as("client %d got a message twice", i).isFalse();
        }
    }

    @Test
    void everyNodeListsTheSameMembersInTheSameActivityOrder() throws Exception {
        TestServer one = node();
        TestServer two = node();
        TestServer three = node();
        WsProbe a = one.client();
        WsProbe b = two.client();
        WsProbe c = three.client();
        open.addAll(List.of(a, b, c));
        String idA = a.join("order").get("id").asText();
        String idB = b.join("order").get("id").asText();
        JsonNode joinedC = c.join("order");
        String idC = joinedC.get("id").asText();
        assertThat(ids(joinedC.get("members"))).containsExactly(idA, idB, idC);

        b.send("{\"action\":\"move\",\"data\":{\"x\":1}}");
        Await.until("b first on every node", () -> List.of(one, two, three).stream()
                .allMatch(node -> idB.equals(memberIdQuietly(node, "order", 0))));
        for (TestServer node : List.of(one, two, three)) {
            assertThat(ids(JSON.readTree(node.get("/api/rooms/order").body()).get("members")))
                    .containsExactly(idB, idA, idC);
            assertThat(JSON.readTree(node.get("/api/rooms").body()).toString())
                    .contains("{\"room\":\"order\",\"size\":3}");
        }
    }

    @Test
    void aNewcomerGetsTheStateFromTheMostActiveMemberWhereverItIsAndTheChainGoesOnAcrossNodes() {
        TestServer one = node("--state-timeout-ms", "300");
        TestServer two = node("--state-timeout-ms", "300");
        TestServer three = node("--state-timeout-ms", "300");
        WsProbe a = joined(one, "handoff");
        a.send("{\"action\":\"move\",\"data\":{\"board\":\"from a\"}}");
        WsProbe b = two.client();
        open.add(b);
        String idB = b.join("handoff").get("id").asText();
        JsonNode request = a.await("requestState");
        assertThat(request.get("for").asText()).isEqualTo(idB);
        a.send("{\"action\":\"state\",\"for\":\"" + idB + "\",\"data\":{\"board\":\"from a\"}}");
        JsonNode state = b.await("state");
        assertThat(state.get("source").asText()).isEqualTo("peer");
        assertThat(state.get("data").get("board").asText()).isEqualTo("from a");

        // b is now the most active; it does not answer, so after the timeout a (on another node) is asked.
        b.send("{\"action\":\"move\",\"data\":{\"board\":\"from b\"}}");
        a.await("move");
        WsProbe c = three.client();
        open.add(c);
        String idC = c.join("handoff").get("id").asText();
        assertThat(b.await("requestState").get("for").asText()).isEqualTo(idC);
        assertThat(a.await("requestState").get("for").asText()).isEqualTo(idC);
        a.send("{\"action\":\"state\",\"for\":\"" + idC + "\",\"data\":{\"board\":\"a answers c\"}}");
        JsonNode forC = c.await("state");
        assertThat(forC.get("source").asText()).isEqualTo("peer");
        assertThat(forC.get("data").get("board").asText()).isEqualTo("a answers c");
    }

    @Test
    void whenNoMemberAnswersTheNewcomerGetsTheSavedState() {
        TestServer one = node("--state-timeout-ms", "200", "--save-interval-ms", "50");
        TestServer two = node("--state-timeout-ms", "200", "--save-interval-ms", "50");
        WsProbe a = joined(one, "silent");
        a.send("{\"action\":\"move\",\"data\":{\"saved\":true}}");
        WsProbe b = joined(two, "silent");
        a.await("requestState"); // and never answers
        JsonNode state = b.await("state");
        assertThat(state.get("source").asText()).isEqualTo("store");
        assertThat(state.get("data").get("saved").asBoolean()).isTrue();
    }

    @Test
    void twoJoinersRacingForTheLastSeatOnTwoNodesNeverBothGetIn() {
        TestServer one = node("--max-room-size", "2");
        TestServer two = node("--max-room-size", "2");
        TestServer three = node("--max-room-size", "2");
        for (int round = 0; round < 20; round++) {
            String room = "race-" + round;
            joined(one, room);
            WsProbe x = two.client();
            WsProbe y = three.client();
            open.add(x);
            open.add(y);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                x.send("{\"action\":\"newClient\",\"room\":\"" + room + "\"}");
                return x.awaitAny("joined", "roomFull").get("action").asText();
            });
            y.send("{\"action\":\"newClient\",\"room\":\"" + room + "\"}");
            String second = y.awaitAny("joined", "roomFull").get("action").asText();
            assertThat(List.of(first.join(), second)).as("round %d", round).containsExactlyInAnyOrder("joined", "roomFull");
        }
    }

    @Test
    void aKilledNodesMembersAreRemovedFromEveryRoomOnTheOtherNodes(@TempDir Path dir) throws Exception {
        cluster = RedisClusterSettings.of(redis.uri()).withKeyPrefix(RedisClusterSettings.DEFAULT_PREFIX);
        TestServer survivor = node();
        WsProbe a = joined(survivor, "crash");
        try (ServerProcess doomed = ServerProcess.start(Files.createDirectories(dir.resolve("node")), Map.of(),
                "--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:doomed", "--cluster", redis.uri().toString())) {
            WsProbe k = WsProbe.connect(java.net.URI.create("ws://127.0.0.1:" + doomed.awaitPort() + "/ws"));
            open.add(k);
            String idK = k.join("crash").get("id").asText();
            assertThat(a.await("memberJoined").get("id").asText()).isEqualTo(idK);
            doomed.kill();
            long killed = System.nanoTime();
            JsonNode left = a.await("memberLeft");
            long tookMillis = (System.nanoTime() - killed) / 1_000_000;
            assertThat(left.get("id").asText()).isEqualTo(idK);
            assertThat(tookMillis).as("removed within the node timeout plus a heartbeat").isLessThan(8_000);
            assertThat(ids(JSON.readTree(survivor.get("/api/rooms/crash").body()).get("members")))
                    .doesNotContain(idK).hasSize(1);
        }
    }

    @Test
    void afterRedisRestartsDeliveryResumesWithoutRestartingTheNodes() throws Exception {
        TestServer one = node();
        TestServer two = node();
        WsProbe a = one.client();
        open.add(a);
        String idA = a.join("outage").get("id").asText();
        WsProbe b = joined(two, "outage");
        WsProbe nearA = joined(one, "outage");
        a.send("{\"action\":\"talkToRoom\",\"data\":\"before\"}");
        assertThat(b.await("talkToRoom").get("data").asText()).isEqualTo("before");
        nearA.await("talkToRoom");

        redis.kill();
        try {
            Await.until("node one notices the outage", () -> metric(one, "rooms_cluster_disconnects_total") >= 1
                    && metric(one, "rooms_cluster_connected") == 0);
            a.send("{\"action\":\"talkToRoom\",\"data\":\"during\"}");
            assertThat(nearA.await("talkToRoom").get("data").asText())
                    .as("a node serves its own members during an outage").isEqualTo("during");
        } finally {
            redis.startAgain(); // whatever happened, the class's other tests find their Redis up
        }
        AtomicInteger sent = new AtomicInteger();
        Await.until("a message from node one reaches node two again", () -> {
            a.send("{\"action\":\"talkToRoom\",\"data\":\"after " + sent.incrementAndGet() + "\"}");
            return b.drain().stream().anyMatch(frame -> "talkToRoom".equals(frame.path("action").asText())
                    && frame.path("data").asText().startsWith("after"));
        });
        Await.until("both nodes list all three members again", () -> List.of(one, two).stream()
                .allMatch(node -> membersQuietly(node, "outage").size() == 3));
        assertThat(metric(one, "rooms_cluster_connected")).isEqualTo(1);
        assertThat(membersQuietly(two, "outage")).contains(idA);
    }

    private static List<String> ids(JsonNode members) {
        List<String> ids = new ArrayList<>();
        members.forEach(member -> ids.add(member.get("id").asText()));
        return ids;
    }

    private static String memberId(TestServer node, String room, int index) throws Exception {
        return JSON.readTree(node.get("/api/rooms/" + room).body()).get("members").get(index).get("id").asText();
    }

    private static String memberIdQuietly(TestServer node, String room, int index) {
        List<String> members = membersQuietly(node, room);
        return members.size() > index ? members.get(index) : null;
    }

    private static List<String> membersQuietly(TestServer node, String room) {
        try {
            HttpResponse<String> response = node.get("/api/rooms/" + room);
            return response.statusCode() == 200 ? ids(JSON.readTree(response.body()).get("members")) : List.of();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static double metric(TestServer node, String name) {
        for (String line : node.get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void theControlEndpointsActOnMembersAndUsersOnEveryNode() {
        String[] flags = {"--admin-token", "adm", "--auth-secret", Tokens.SECRET};
        TestServer one = node(flags);
        TestServer two = node(flags);
        WsProbe annHere = WsProbe.connect(URI.create(one.ws() + "?token=" + Tokens.hs256("ann")));
        WsProbe annThere = WsProbe.connect(URI.create(two.ws() + "?token=" + Tokens.hs256("ann")));
        WsProbe bob = WsProbe.connect(URI.create(two.ws() + "?token=" + Tokens.hs256("bob")));
        open.addAll(List.of(annHere, annThere, bob));
        String annId = annHere.join("ctl").get("id").asText();
        String bobId = bob.join("ctl").get("id").asText();
        annHere.await("memberJoined");

        HttpResponse<String> pushed = TestServer.send(HttpRequest.newBuilder(one.http("/api/rooms/ctl/messages"))
                .header("Authorization", "Bearer adm").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"hi\",\"data\":1,\"to\":\"" + bobId + "\"}"))
                .build());
        assertThat(pushed.statusCode()).isEqualTo(202);
        assertThat(bob.await("hi").get("from").asText()).isEqualTo("server");
        assertThat(TestServer.send(HttpRequest.newBuilder(one.http("/api/rooms/ctl/messages"))
                .header("Authorization", "Bearer adm").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"fence\",\"data\":\"fence\",\"to\":\""
                        + annId + "\"}")).build()).statusCode()).isEqualTo(202);
        assertThat(annHere.until(WsProbe.frame("fence", "fence")).anyBefore("hi")).as("hi to bob only").isFalse();

        HttpResponse<String> removed = TestServer.send(HttpRequest.newBuilder(one.http("/api/rooms/ctl/members/" + bobId))
                .header("Authorization", "Bearer adm").DELETE().build());
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(bob.await("removed").get("room").asText()).isEqualTo("ctl");
        assertThat(annHere.await("memberLeft").get("id").asText()).isEqualTo(bobId);

        HttpResponse<String> closed = TestServer.send(HttpRequest.newBuilder(two.http("/api/users/ann"))
                .header("Authorization", "Bearer adm").DELETE().build());
        assertThat(closed.body()).isEqualTo("{\"closed\":2}");
        assertThat(annHere.awaitClose()).isEqualTo(4003);
        assertThat(annThere.awaitClose()).isEqualTo(4003);
        assertThat(bob.isOpen()).isTrue();
    }

    @Test
    void aClientOfAKilledNodeResumesOnTheOtherWithItsIdAndEveryMessageItMissed(@TempDir Path dir) throws Exception {
        cluster = RedisClusterSettings.of(redis.uri()).withKeyPrefix(RedisClusterSettings.DEFAULT_PREFIX);
        TestServer survivor = node();
        WsProbe b = joined(survivor, "resume");
        try (ServerProcess doomed = ServerProcess.start(Files.createDirectories(dir.resolve("node")), Map.of(),
                "--port", "0", "--host", "127.0.0.1", "--db", "jdbc:h2:mem:doomed", "--cluster", redis.uri().toString())) {
            WsProbe a = WsProbe.connect(URI.create("ws://127.0.0.1:" + doomed.awaitPort() + "/ws"));
            open.add(a);
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

            WsProbe back = survivor.client();
            open.add(back);
            back.send("{\"action\":\"newClient\",\"room\":\"resume\",\"resume\":{\"session\":\""
                    + joined.get("session").asText() + "\",\"seq\":" + seen + "}}");
            JsonNode rejoined = back.await("joined");
            assertThat(rejoined.get("recovered").asBoolean()).isTrue();
            assertThat(rejoined.get("id").asText()).isEqualTo(joined.get("id").asText());
            for (int i = 0; i < 5; i++) {
                assertThat(back.await("talkToRoom").get("data").asInt()).isEqualTo(i);
            }
            b.send("{\"action\":\"talkToRoom\",\"data\":\"fence\"}");
            assertThat(back.until(WsProbe.frame("talkToRoom", "fence")).anyBefore("talkToRoom")).as("nothing more replayed")
                    .isFalse();
            back.send("{\"action\":\"talkToRoom\",\"data\":\"once\",\"ref\":\"k1\"}");
            assertThat(back.await("ack").get("ref").asText()).as("acknowledged again").isEqualTo("k1");
            back.send("{\"action\":\"talkToRoom\",\"data\":\"after once\"}");
            WsProbe.Fenced afterOnce = b.until(WsProbe.frame("talkToRoom", "after once"));
            assertThat(afterOnce.anyBefore("talkToRoom")).as("not delivered twice, though its node died: %s",
                    afterOnce.before()).isFalse();
            assertThat(afterOnce.before()).as("the member left with its node, and came back")
                    .filteredOn(frame -> frame.path("action").asText().startsWith("member"))
                    .extracting(frame -> frame.path("action").asText() + " " + frame.path("id").asText())
                    .containsExactly("memberLeft " + joined.get("id").asText(), "memberJoined " + joined.get("id").asText());
            b.send("{\"action\":\"talkToRoom\",\"data\":\"direct\",\"to\":\"" + joined.get("id").asText() + "\"}");
            assertThat(back.await("talkToRoom").get("data").asText())
                    .as("a member with another node's id is reached where it is now").isEqualTo("direct");
        }
    }
}
