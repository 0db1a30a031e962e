package io.rooms.cluster.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters, each with a replica, from the machine's {@code redis-server}
 * and {@code redis-cli} (Debian's {@code redis-server} package), on free loopback ports, created with
 * {@code redis-cli --cluster create} and without persistence, configured as docs/cluster.md says: its
 * nodes take a master for failed after one second, and the other shards serve on meanwhile. Fails loudly when it cannot start. Not thread-safe: one test drives it.
 */
public final class RedisShards implements AutoCloseable {
    private static final int NODES = 6;
    private static final long NODE_TIMEOUT_MS = 1000;

    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private RedisShards(Path dir) {
        this.dir = dir;
    }

    public static RedisShards start() throws IOException, InterruptedException {
        RedisShards shards = new RedisShards(Files.createTempDirectory("rooms-redis-cluster-"));
        try {
            shards.startNodes();
            shards.create();
        } catch (IOException | InterruptedException | RuntimeException e) {
            shards.close();
            throw e;
        }
        return shards;
    }

    /** {@code redis-cli}: {@code ROOMS_REDIS_CLI}, else on {@code PATH}. */
    public static Path cli() {
        return io.rooms.testing.Executables.find("ROOMS_REDIS_CLI", "redis-tools", "redis-cli");
    }

    /** The cluster as {@code --cluster} takes it: its three first nodes. */
    public URI uri() {
        return URI.create("redis-cluster://" + ports.subList(0, 3).stream().map(p -> "127.0.0.1:" + p)
                .collect(Collectors.joining(",")));
    }

    private void startNodes() throws IOException, InterruptedException {
        for (int i = 0; i < NODES; i++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ports.add(port);
            processes.add(null);
            startNode(i);
        }
    }

    private void startNode(int index) throws IOException, InterruptedException {
        int port = ports.get(index);
        Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
        Process process = new ProcessBuilder(List.of(RedisServer.binary().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--protected-mode", "no", "--save", "", "--appendonly", "no",
                "--dir", nodeDir.toString(), "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT_MS),
                // As docs/cluster.md asks: the shards that still have a master keep serving their rooms.
                "--cluster-require-full-coverage", "no"))
                .redirectErrorStream(true)
                .redirectOutput(nodeDir.resolve("redis.log").toFile())
                .start();
        processes.set(index, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cli(port, "PING").startsWith("PONG")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": "
                        + Files.readString(nodeDir.resolve("redis.log")));
            }
            Thread.sleep(20);
        }
    }

    private void create() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli().toString(), "--cluster", "create"));
        ports.forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        String out = run(command, 60);
        if (!out.contains("[OK] All 16384 slots covered")) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + out);
        }
        awaitHealthy();
    }

    /**
     * Waits up to 30 s until every running node says the cluster is ok, and every replica has its
     * master's data (a replica that never synced cannot take over).
     */
    public void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!healthy()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Redis Cluster did not settle: " + cli(ports.get(0), "CLUSTER", "NODES"));
            }
            Thread.sleep(100);
        }
    }

    private boolean healthy() throws IOException, InterruptedException {
        for (int i = 0; i < NODES; i++) {
            if (processes.get(i) == null || !processes.get(i).isAlive()) {
                continue;
            }
            if (!cli(ports.get(i), "CLUSTER", "INFO").contains("cluster_state:ok")) {
                return false;
            }
            String replication = cli(ports.get(i), "INFO", "replication");
            if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                return false;
            }
        }
        return true;
    }

    /** The port of the master that serves {@code key}'s slot now. */
    public int masterOf(String key) throws IOException, InterruptedException {
        long slot = Long.parseLong(cli(ports.get(firstRunning()), "CLUSTER", "KEYSLOT", key).strip());
        for (String line : cli(ports.get(firstRunning()), "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int f = 8; f < fields.length; f++) {
                String[] range = fields[f].split("-");
                if (range[0].startsWith("[")) {
                    continue; // a slot being moved
                }
                long from = Long.parseLong(range[0]);
                long to = range.length > 1 ? Long.parseLong(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return portOf(fields[1]);
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** The master (its port) serving room {@code room}'s keys, under the key prefix {@code keyPrefix}. */
    public int masterOfRoom(String keyPrefix, String room) throws IOException, InterruptedException {
        return masterOf(keyPrefix + "{" + room + "}:order");
    }

    /** The first room, by name ({@code name}-0, {@code name}-1, ...), whose master is none of {@code avoid}. */
    public String roomNotOn(String keyPrefix, String name, java.util.Set<Integer> avoid) throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            if (!avoid.contains(masterOfRoom(keyPrefix, name + "-" + i))) {
                return name + "-" + i;
            }
        }
    }

    /** The port of the replica of the master on {@code port}. */
    public int replicaOf(int master) throws IOException, InterruptedException {
        List<String[]> nodes = new ArrayList<>();
        for (String line : cli(ports.get(firstRunning()), "CLUSTER", "NODES").split("\n")) {
            if (!line.isBlank()) {
                nodes.add(line.strip().split(" "));
            }
        }
        String masterId = nodes.stream().filter(f -> portOf(f[1]) == master).findFirst().orElseThrow()[0];
        return nodes.stream().filter(f -> f[3].equals(masterId)).mapToInt(f -> portOf(f[1])).findFirst()
                .orElseThrow(() -> new IllegalStateException("no replica of " + master));
    }

    private static int portOf(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
    }

    /**
     * Moves the slot of {@code key}, with its keys, to the master on {@code to}, as
     * {@code redis-cli --cluster reshard} moves each slot: the target imports it, the source migrates
     * it, its keys go over in batches (MIGRATE), and every master is told its new owner.
     */
    public void moveSlotOf(String key, int to) throws IOException, InterruptedException {
        int from = masterOf(key);
        String slot = cli(from, "CLUSTER", "KEYSLOT", key).strip();
        String fromId = cli(from, "CLUSTER", "MYID").strip();
        String toId = cli(to, "CLUSTER", "MYID").strip();
        expectOk(cli(to, "CLUSTER", "SETSLOT", slot, "IMPORTING", fromId));
        expectOk(cli(from, "CLUSTER", "SETSLOT", slot, "MIGRATING", toId));
        while (true) {
            List<String> keys = cli(from, "CLUSTER", "GETKEYSINSLOT", slot, "100").lines().filter(l -> !l.isBlank()).toList();
            if (keys.isEmpty()) {
                break;
            }
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(to), "", "0", "5000", "KEYS"));
            migrate.addAll(keys);
            expectOk(cli(from, migrate.toArray(String[]::new)));
        }
        for (int master : masters()) {
            expectOk(cli(master, "CLUSTER", "SETSLOT", slot, "NODE", toId));
        }
    }

    private static void expectOk(String reply) {
        if (!reply.strip().equals("OK")) {
            throw new IllegalStateException("Redis said: " + reply);
        }
    }

    /** The ports of the running masters. */
    public List<Integer> masters() throws IOException, InterruptedException {
        List<Integer> masters = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            Process process = processes.get(i);
            if (process != null && process.isAlive() && cli(ports.get(i), "INFO", "replication").contains("role:master")) {
                masters.add(ports.get(i));
            }
        }
        return masters;
    }

    /** Kills the node on {@code port} at once (SIGKILL), as a crash would. */
    public void kill(int port) throws InterruptedException {
        Process process = processes.get(ports.indexOf(port));
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the node on {@code port} again: it rejoins the cluster (as a replica, if another took its place). */
    public void restart(int port) throws IOException, InterruptedException {
        startNode(ports.indexOf(port));
    }

    private int firstRunning() {
        for (int i = 0; i < NODES; i++) {
            if (processes.get(i) != null && processes.get(i).isAlive()) {
                return i;
            }
        }
        throw new IllegalStateException("no node of the Redis Cluster runs");
    }

    /** Runs {@code redis-cli -p PORT ARGS...}; its output. */
    public String cli(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli().toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command, 10);
    }

    private String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
