package io.rooms;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.RoomSummary;
import io.rooms.spi.Bus;
import io.rooms.spi.Roster;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Scheduler;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bus and roster of a server on its own, and the default: each room's registry in memory, and every event
 * handed to the node's listener at once, on the caller's thread, under the room's registry lock, so
 * that the room's stream has one order. Like Centrifuge's {@code MemoryBroker}, it serves one node
 * only. Thread-safe: each room's registry is guarded by its own monitor.
 */
final class MemoryBus implements Bus, Roster {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Scheduler clock;
    private final ResumeSettings resume;
    private final ConcurrentMap<String, MemoryRegistry> rooms = new ConcurrentHashMap<>();
    /** Each room's numbering and latest events; outlives the room's members for the resume window. */
    private final ConcurrentMap<String, History> histories = new ConcurrentHashMap<>();
    private volatile Listener listener;

    MemoryBus(Scheduler clock, ResumeSettings resume) {
        this.clock = clock;
        this.resume = resume;
    }

    /** The room's history; a room new to it numbers from the wall clock's microseconds. */
    private History history(String room) {
        return histories.computeIfAbsent(room, name -> {
            Instant now = clock.wallTime();
            return new History(room, resume, clock, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
        });
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
            MemoryRegistry registry = rooms.computeIfAbsent(room, name -> new MemoryRegistry());
            synchronized (registry) {
                if (registry.dead) {
                    continue;
                }
                if (capacity > 0 && registry.size() >= capacity) {
                    forgetIfEmpty(room, registry);
                    return CompletableFuture.completedFuture(new Admission(false, 0, List.of()));
                }
                registry.add(member);
                BusEvent.Joined joined = history(room).append(seq -> new BusEvent.Joined(room, seq, member));
                List<MemberInfo> members = registry.members();
                listener.onEvent(joined);
                return CompletableFuture.completedFuture(new Admission(true, joined.seq(), members));
            }
        }
    }

    @Override
    public CompletionStage<Void> leave(String room, String memberId) {
        MemoryRegistry registry = rooms.get(room);
        if (registry != null) {
            synchronized (registry) {
                if (registry.remove(memberId)) {
                    listener.onEvent(history(room).append(seq -> new BusEvent.Left(room, seq, memberId)));
                    forgetIfEmpty(room, registry);
                }
            }
        }
        return DONE;
    }

    @Override
    public CompletionStage<Delivery> publish(BusEvent.Said said, Accepted accepted) {
        History history = history(said.room());
        // The event as every bus hands it back: promoting is an instruction to the bus, not part of it.
        BusEvent.Said plain = new BusEvent.Said(said.room(), 0, said.from(), said.action(), said.data(), said.to(),
                false);
        MemoryRegistry registry = rooms.get(said.room());
        if (registry == null) {
            // Nobody is here now, but a member back within the resume window would have had it.
            long seq = said.to() != null ? history.current() : history.append(plain::withSeq).seq();
            return CompletableFuture.completedFuture(new Delivery(seq, 0));
        }
        synchronized (registry) {
            if (said.to() != null && !registry.contains(said.to())) {
                return CompletableFuture.completedFuture(new Delivery(history.current(), 0));
            }
            if (said.promote()) {
                registry.promote(said.from());
            }
            BusEvent.Said numbered = said.to() != null ? plain.withSeq(history.current())
                    : history.append(plain::withSeq);
            listener.onEvent(numbered);
            return CompletableFuture.completedFuture(new Delivery(numbered.seq(),
                    said.to() != null ? 1 : registry.size()));
        }
    }

    @Override
    public CompletionStage<Delivery> setPresence(String room, String memberId, String meta) {
        MemoryRegistry registry = rooms.get(room);
        if (registry == null) {
            return CompletableFuture.completedFuture(new Delivery(0, 0));
        }
        synchronized (registry) {
            if (!registry.setPresence(memberId, meta)) {
                return CompletableFuture.completedFuture(new Delivery(history(room).current(), 0));
            }
            BusEvent.Updated updated = history(room).append(seq -> new BusEvent.Updated(room, seq, memberId, meta));
            listener.onEvent(updated);
            return CompletableFuture.completedFuture(new Delivery(updated.seq(), registry.size()));
        }
    }

    @Override
    public CompletionStage<Delivery> send(BusEvent.NodeEvent event) {
        MemoryRegistry registry = rooms.get(event.room());
        if (registry == null) {
            return CompletableFuture.completedFuture(new Delivery(0, 0));
        }
        synchronized (registry) {
            if ((event instanceof BusEvent.Removed || event instanceof BusEvent.Replaced)
                    && !registry.contains(event.target())) {
                return CompletableFuture.completedFuture(new Delivery(0, 0));
            }
            long seq = history(event.room()).current();
            BusEvent.NodeEvent numbered = event;
            if (event instanceof BusEvent.StateGiven given) {
                if (given.promote()) {
                    registry.promote(given.from());
                }
                numbered = given.withSeq(seq);
            }
            listener.onEvent(numbered);
            return CompletableFuture.completedFuture(new Delivery(seq, 1));
        }
    }

    @Override
    public CompletionStage<Optional<List<BusEvent>>> since(String room, long after) {
        History history = histories.get(room);
        return CompletableFuture.completedFuture(history == null ? Optional.empty()
                : history.since(after));
    }

    /** Forgets what the resume window no longer covers: the histories of empty rooms. */
    void sweep() {
        for (String room : histories.keySet()) {
            histories.computeIfPresent(room, (name, history) -> history.isStale() && !rooms.containsKey(name)
                    ? null : history);
        }
    }

    /** Relay kept for resuming, in all rooms. */
    long historySize() {
        long total = 0;
        for (History history : histories.values()) {
            total += history.size();
        }
        return total;
    }

    @Override
    public CompletionStage<Integer> disconnectUser(String user) {
        return CompletableFuture.completedFuture(listener.onDisconnectUser(user));
    }

    @Override
    public CompletionStage<List<MemberInfo>> members(String room) {
        MemoryRegistry registry = rooms.get(room);
        if (registry == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        synchronized (registry) {
            return CompletableFuture.completedFuture(registry.members());
        }
    }

    @Override
    public CompletionStage<List<RoomSummary>> rooms() {
        List<RoomSummary> list = new ArrayList<>();
        rooms.forEach((name, registry) -> {
            int size;
            synchronized (registry) {
                size = registry.size();
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

    private void forgetIfEmpty(String room, MemoryRegistry registry) {
        if (registry.size() == 0) {
            registry.dead = true;
            rooms.remove(room, registry);
        }
    }

    @Override
    public void close() {
        rooms.forEach((room, registry) -> {
            List<String> ids;
            synchronized (registry) {
                ids = registry.ids();
            }
            ids.forEach(id -> leave(room, id));
        });
    }
}
