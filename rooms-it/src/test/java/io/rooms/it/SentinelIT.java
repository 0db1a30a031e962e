package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.rooms.testing.Executables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on Redis Sentinel, as a deployment that cannot lose its Redis runs them: Debian's
 * redis-server as master and replica, and three redis-sentinel processes, all on loopback. The
 * master is killed; Sentinel promotes the replica, and the nodes must follow it.
 */
class SentinelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One client for every poll of the members (each HttpClient starts a selector thread of its own). */
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MASTER = "rooms";
    /** The promise checked: cross-node delivery is back this long after the master dies. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final List<WsProbe> probes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        probes.forEach(WsProbe::close);
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void whenTheMasterDiesTheNodesFollowTheNewOneWithinTenSecondsAndMembershipIsRight() throws Exception {
        int masterPort = freePort();
        int replicaPort = freePort();
        Process master = redis("master", masterPort);
        redis("replica", replicaPort, "--replicaof", "127.0.0.1", Integer.toString(masterPort));
        List<Integer> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            sentinels.add(port);
            sentinel(i, port, masterPort);
        }
        Await.until("the sentinels see the master and its replica", () -> seesReplica(sentinels.get(0), replicaPort));

        String cluster = "redis-sentinel://127.0.0.1:" + sentinels.get(0) + ",127.0.0.1:" + sentinels.get(1)
                + ",127.0.0.1:" + sentinels.get(2) + "#" + MASTER;
        try (ServerProcess one = node("one", cluster); ServerProcess two = node("two", cluster)) {
            int portOne = one.awaitPort();
            int portTwo = two.awaitPort();
            WsProbe alice = client(portOne);
            String aliceId = alice.join("ha").get("id").asText();
            WsProbe bob = client(portTwo);
            String bobId = bob.join("ha").get("id").asText();
            alice.await("memberJoined");
            alice.send("{\"action\":\"talkToRoom\",\"data\":\"before\"}");
            assertThat(bob.await("talkToRoom").get("data").asText()).isEqualTo("before");

            master.destroyForcibly();
            long killed = System.nanoTime();
            AtomicInteger sent = new AtomicInteger();
            List<JsonNode> seenByBob = new java.util.concurrent.CopyOnWriteArrayList<>();
            Await.until("a message from node one reaches node two through the new master", () -> {
                alice.send("{\"action\":\"talkToRoom\",\"data\":\"after " + sent.incrementAndGet() + "\"}");
                List<JsonNode> frames = bob.drain();
                seenByBob.addAll(frames);
                return frames.stream().anyMatch(frame -> "talkToRoom".equals(frame.path("action").asText())
                        && frame.path("data").asText().startsWith("after"));
            });
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.printf("SentinelIT: delivery across nodes back %d ms after the master was killed%n", tookMillis);
            assertThat(tookMillis).as("ms from the master's death to delivery across nodes again")
                    .isLessThanOrEqualTo(BACK_WITHIN.toMillis());
            assertThat(seesMasterOn(sentinels.get(0), replicaPort)).as("Sentinel promoted the replica").isTrue();

            // Membership is right on both nodes within the same bound (a node taken for dead while
            // Redis was away registers its members again at its next heartbeat), and for a newcomer.
            long left = BACK_WITHIN.toNanos() - (System.nanoTime() - killed);
            Await.until("both nodes list alice and bob", Duration.ofNanos(Math.max(0, left)), () ->
                    List.of(portOne, portTwo).stream().allMatch(port -> {
                        List<String> members = members(port);
                        return members.size() == 2 && members.containsAll(List.of(aliceId, bobId));
                    }));
            // Nobody was announced as gone: the nodes waited for each other's beats before reaping.
            seenByBob.addAll(bob.drain());
            assertThat(seenByBob).as("frames bob got through the failover")
                    .noneMatch(frame -> "memberLeft".equals(frame.path("action").asText()));
            WsProbe carol = client(portTwo);
            JsonNode joined = carol.join("ha");
            List<String> seen = new ArrayList<>();
            joined.get("members").forEach(member -> seen.add(member.get("id").asText()));
            assertThat(seen).containsExactlyInAnyOrder(aliceId, bobId, joined.get("id").asText());
            bob.send("{\"action\":\"talkToRoom\",\"data\":\"welcome\"}");
            assertThat(alice.await("talkToRoom").get("data").asText()).startsWith("welcome");
        }
    }

    private Process redis(String name, int port, String... more) throws IOException {
        Path work = Files.createDirectories(dir.resolve(name));
        List<String> command = new ArrayList<>(List.of(Executables.find("ROOMS_REDIS_SERVER", "redis-server",
                "redis-server").toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", work.toString(), "--protected-mode", "no"));
        command.addAll(List.of(more));
        return start(command, work);
    }

    private void sentinel(int index, int port, int masterPort) throws IOException {
        Path work = Files.createDirectories(dir.resolve("sentinel-" + index));
        Path config = work.resolve("sentinel.conf"); // Sentinel rewrites it: its own, writable file
        Files.writeString(config, String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "dir " + work,
                "sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " 2",
                "sentinel down-after-milliseconds " + MASTER + " 1000",
                "sentinel failover-timeout " + MASTER + " 5000",
                "sentinel parallel-syncs " + MASTER + " 1",
                ""));
        start(List.of(Executables.find("ROOMS_REDIS_SENTINEL", "redis-sentinel", "redis-sentinel").toString(),
                config.toString()), work);
    }

    private Process start(List<String> command, Path work) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.log").toFile()).start();
        processes.add(process);
        return process;
    }

    private ServerProcess node(String name, String cluster) throws IOException {
        return ServerProcess.start(Files.createDirectories(dir.resolve(name)), Map.of(), "--host", "127.0.0.1",
                "--port", "0", "--db", "jdbc:h2:mem:" + name, "--cluster", cluster);
    }

    private WsProbe client(int port) {
        WsProbe probe = WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
        probes.add(probe);
        return probe;
    }

    private static List<String> members(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/rooms/ha")).build(), HttpResponse.BodyHandlers.ofString());
            List<String> ids = new ArrayList<>();
            JSON.readTree(response.body()).path("members").forEach(member -> ids.add(member.get("id").asText()));
            return ids;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static boolean seesReplica(int sentinelPort, int replicaPort) {
        return ask(sentinelPort, sentinel -> sentinel.sync().replicas(MASTER).stream()
                .anyMatch(replica -> Integer.toString(replicaPort).equals(replica.get("port"))
                        && !replica.getOrDefault("flags", "").contains("down")));
    }

    private static boolean seesMasterOn(int sentinelPort, int port) {
        return ask(sentinelPort, sentinel -> ((java.net.InetSocketAddress) sentinel.sync().getMasterAddrByName(MASTER)).getPort() == port);
    }

    private static boolean ask(int sentinelPort, java.util.function.Predicate<StatefulRedisSentinelConnection<String, String>> question) {
        RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + sentinelPort));
        try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel()) {
            return question.test(sentinel);
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
