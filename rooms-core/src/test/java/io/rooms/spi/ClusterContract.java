package io.rooms.spi;


import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/**
 * The nodes of a {@link Cluster} under test, for the contract suites of its parts: each node's
 * parts, what its bus delivered, and its own members. Tests that need several nodes run only where
 * {@link #nodes()} says the cluster has them.
 */
public abstract class ClusterContract {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Node> started = new ArrayList<>();

    /** A new node of the cluster under test; every call of one test shares the same rooms. */
    protected abstract Cluster newCluster();

    /** How many nodes can share the bus: 1 for a bus of one node. */
    protected abstract int nodes();

    /** One node: its bus, what it received, and its own members, registered again when asked. */
    protected final class Node implements Bus.Listener {
        public final Cluster cluster;
        public final Bus bus;
        public final Roster roster;
        public final SessionStore sessions;
        public final ClusterView view;
        public final List<BusEvent> received = new CopyOnWriteArrayList<>();
        public final Map<String, List<MemberInfo>> own = new ConcurrentHashMap<>();
        /** The users this node has sockets of, with how many each. */
        public final Map<String, Integer> sockets = new ConcurrentHashMap<>();
        public final List<String> disconnected = new CopyOnWriteArrayList<>();
        private final java.util.Set<String> subscribed = ConcurrentHashMap.newKeySet();

        Node(Cluster cluster) {
            this.cluster = cluster;
            this.bus = cluster.bus();
            this.roster = cluster.roster();
            this.sessions = cluster.sessions();
            this.view = cluster.view();
        }

        @Override
        public void onEvent(BusEvent event) {
            received.add(event);
        }

        @Override
        public void onResyncNeeded() {
            Map<String, List<MemberInfo>> copy = new LinkedHashMap<>();
            own.forEach((room, members) -> copy.put(room, List.copyOf(members)));
            bus.resync(copy);
        }

        @Override
        public int onDisconnectUser(String user) {
            disconnected.add(user);
            Integer count = sockets.remove(user);
            return count == null ? 0 : count;
        }

        public MemberInfo member(String suffix) {
            return new MemberInfo(view.nodeId() + "-" + suffix, "Name " + suffix, "#123456");
        }

        /** As the core does: the node subscribes to a room before its first member there joins. */
        public Bus.Admission join(String room, MemberInfo member, int capacity) {
            if (subscribed.add(room)) {
                get(bus.subscribe(room));
            }
            Bus.Admission admission = get(bus.join(room, member, capacity));
            if (admission.admitted()) {
                own.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(member);
            }
            return admission;
        }

        public <T extends BusEvent> List<T> events(Class<T> kind) {
            List<T> list = new ArrayList<>();
            received.forEach(e -> {
                if (kind.isInstance(e)) {
                    list.add(kind.cast(e));
                }
            });
            return list;
        }
    }

    protected final Node start() {
        Node node = new Node(newCluster());
        node.bus.start(node);
        started.add(node);
        return node;
    }

    @AfterEach
    void closeNodes() {
        started.forEach(node -> node.cluster.close());
    }

    protected static <T> T get(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    }

    protected static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // polling a bounded condition, not waiting for luck
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    protected final List<Node> cluster() {
        List<Node> list = new ArrayList<>();
        for (int i = 0; i < Math.min(2, nodes()); i++) {
            list.add(start());
        }
        return list;
    }

    /** The history size the cluster under test was made with. */
    protected int historySize() {
        return io.rooms.ResumeSettings.DEFAULTS.historySize();
    }
}
