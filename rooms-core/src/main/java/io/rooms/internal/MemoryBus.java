package io.rooms.internal;

import io.rooms.MemberInfo;
import io.rooms.RoomSummary;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bus of a server on its own, and the default: each room's registry in memory, and every event
 * handed to the node's listener at once, on the caller's thread, under the room's registry lock, so
 * that the room's stream has one order. Like Centrifuge's {@code MemoryBroker}, it serves one node
 * only. Thread-safe: each room's registry is guarded by its own monitor.
 */
final class MemoryBus implements Bus {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final String node;
    private final ConcurrentMap<String, Registry> rooms = new ConcurrentHashMap<>();
    /** One sequence for every room, so that a room opened anew still numbers past its saved state. */
    private final AtomicLong sequence = new AtomicLong();
    private volatile Listener listener;

    /** One room's members in activity order. Guarded by its own monitor. */
    private static final class Registry {
        final ActivityList<MemberInfo> order = new ActivityList<>();
        final Map<String, ActivityList.Entry<MemberInfo>> byId = new HashMap<>();
        boolean dead;
    }

    MemoryBus(String node) {
        this.node = node;
    }

    @Override
    public String nodeId() {
        return node;
    }

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public void start(Listener value) {
        this.listener = value;
    }

    @Override
    public CompletionStage<Void> subscribe(String room) {
        return DONE;
    }

    @Override
    public void unsubscribe(String room) {}

    @Override
    public CompletionStage<Admission> join(String room, MemberInfo member, int capacity) {
        while (true) {
            Registry registry = rooms.computeIfAbsent(room, name -> new Registry());
            synchronized (registry) {
                if (registry.dead) {
                    continue;
                }
                if (capacity > 0 && registry.order.size() >= capacity) {
                    forgetIfEmpty(room, registry);
                    return CompletableFuture.completedFuture(new Admission(false, 0, List.of()));
                }
                registry.byId.put(member.id(), registry.order.addLast(member));
                long seq = sequence.incrementAndGet();
                List<MemberInfo> members = members(registry);
                listener.onEvent(new BusEvent.Joined(room, seq, member));
                return CompletableFuture.completedFuture(new Admission(true, seq, members));
            }
        }
    }

    @Override
    public CompletionStage<Void> leave(String room, String memberId) {
        Registry registry = rooms.get(room);
        if (registry != null) {
            synchronized (registry) {
                ActivityList.Entry<MemberInfo> entry = registry.byId.remove(memberId);
                if (entry != null) {
                    registry.order.remove(entry);
                    listener.onEvent(new BusEvent.Left(room, sequence.incrementAndGet(), memberId));
                    forgetIfEmpty(room, registry);
                }
            }
        }
        return DONE;
    }

    @Override
    public CompletionStage<Delivery> publish(BusEvent.Said said) {
        Registry registry = rooms.get(said.room());
        if (registry == null) {
            return CompletableFuture.completedFuture(new Delivery(sequence.incrementAndGet(), 0));
        }
        synchronized (registry) {
            long seq = sequence.incrementAndGet();
            if (said.to() != null && !registry.byId.containsKey(said.to())) {
                return CompletableFuture.completedFuture(new Delivery(seq, 0));
            }
            if (said.promote()) {
                promote(registry, said.from());
            }
            listener.onEvent(said.withSeq(seq));
            return CompletableFuture.completedFuture(new Delivery(seq, said.to() != null ? 1 : registry.order.size()));
        }
    }

    @Override
    public CompletionStage<Delivery> send(BusEvent.NodeEvent event) {
        Registry registry = rooms.get(event.room());
        if (registry == null) {
            return CompletableFuture.completedFuture(new Delivery(0, 0));
        }
        synchronized (registry) {
            if (event instanceof BusEvent.Removed && !registry.byId.containsKey(event.target())) {
                return CompletableFuture.completedFuture(new Delivery(0, 0));
            }
            long seq = sequence.incrementAndGet();
            BusEvent.NodeEvent numbered = event;
            if (event instanceof BusEvent.StateGiven given) {
                if (given.promote()) {
                    promote(registry, given.from());
                }
                numbered = given.withSeq(seq);
            }
            listener.onEvent(numbered);
            return CompletableFuture.completedFuture(new Delivery(seq, 1));
        }
    }

    @Override
    public CompletionStage<Integer> disconnectUser(String user) {
        return CompletableFuture.completedFuture(listener.onDisconnectUser(user));
    }

    private static void promote(Registry registry, String id) {
        ActivityList.Entry<MemberInfo> entry = registry.byId.get(id);
        if (entry != null) {
            registry.order.moveToFront(entry);
        }
    }

    @Override
    public CompletionStage<List<MemberInfo>> members(String room) {
        Registry registry = rooms.get(room);
        if (registry == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        synchronized (registry) {
            return CompletableFuture.completedFuture(members(registry));
        }
    }

    private static List<MemberInfo> members(Registry registry) {
        List<MemberInfo> list = new ArrayList<>(registry.order.size());
        registry.order.forEach(list::add);
        return list;
    }

    @Override
    public CompletionStage<List<RoomSummary>> rooms() {
        List<RoomSummary> list = new ArrayList<>();
        rooms.forEach((name, registry) -> {
            int size;
            synchronized (registry) {
                size = registry.order.size();
            }
            if (size > 0) {
                list.add(new RoomSummary(name, size));
            }
        });
        list.sort(Comparator.comparing(RoomSummary::room));
        return CompletableFuture.completedFuture(list);
    }

    /** One node's members cannot be lost here: nothing to do. */
    @Override
    public CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom) {
        return DONE;
    }

    private void forgetIfEmpty(String room, Registry registry) {
        if (registry.order.size() == 0) {
            registry.dead = true;
            rooms.remove(room, registry);
        }
    }

    @Override
    public void close() {
        rooms.forEach((room, registry) -> {
            List<String> ids;
            synchronized (registry) {
                ids = new ArrayList<>(registry.byId.keySet());
            }
            ids.forEach(id -> leave(room, id));
        });
    }
}
