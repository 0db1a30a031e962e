package io.rooms;

import io.rooms.spi.Bus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The rooms open on this node, by name, and the room limit: a room is taken for each join and
 * closed when nobody is in it or on the way in. The count of open rooms is reserved before a room
 * is opened, so concurrent joins cannot pass the limit. Thread-safe.
 */
final class LocalRooms {

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Bus bus;
    private final int maxRooms;

    LocalRooms(Bus bus, int maxRooms) {
        this.bus = bus;
        this.maxRooms = maxRooms;
    }

    static boolean isValidName(String room) {
        return io.rooms.spi.RoomName.isValid(room);
    }

    Room find(String name) {
        return rooms.get(name);
    }

    /** The open room {@code name} with one more join counted on its way; null past the room limit. */
    Room acquire(String name) {
        while (true) {
            Room room = rooms.get(name);
            if (room == null) {
                if (open.incrementAndGet() > maxRooms) {
                    open.decrementAndGet();
                    return null;
                }
                Room fresh = new Room(name);
                fresh.startJoin();
                if (rooms.putIfAbsent(name, fresh) != null) {
                    open.decrementAndGet();
                    continue;
                }
                bus.subscribe(name).whenComplete((done, failure) -> fresh.subscribed.complete(null));
                return fresh;
            }
            synchronized (room) {
                if (room.startJoin()) {
                    return room;
                }
            }
        }
    }

    /** Closes a room that nobody is in or joining; call under its lock. True when it was closed. */
    boolean closeIfDeserted(Room room) {
        if (!room.isDeserted()) {
            return false;
        }
        room.close();
        bus.unsubscribe(room.name); // before a joiner can open the room anew and subscribe
        rooms.remove(room.name, room);
        open.decrementAndGet();
        return true;
    }

    int count() {
        return open.get();
    }

    void forEach(Consumer<Room> action) {
        rooms.values().forEach(action);
    }

    /** Every room open on this node, with members or with joins on their way. */
    List<Room> all() {
        return new ArrayList<>(rooms.values());
    }
}
