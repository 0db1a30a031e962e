package io.rooms;

import io.rooms.spi.MemberInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One room's registry in the {@link MemoryBus}: its members in activity order, and the presence
 * each has set there. Not thread-safe: guarded by its own monitor, which the bus holds while it
 * changes the registry and hands the event that says so to its listener.
 */
final class MemoryRegistry {
    private final ActivityList<MemberInfo> order = new ActivityList<>();
    private final Map<String, ActivityList.Entry<MemberInfo>> byId = new HashMap<>();
    private final Map<String, String> presence = new HashMap<>();
    /** Emptied and forgotten by the bus: a joiner must make a new one. */
    boolean dead;

    int size() {
        return order.size();
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Adds a newcomer at the back, with no presence: joining is not activity. */
    void add(MemberInfo member) {
        byId.put(member.id(), order.addLast(member.withMeta(null)));
    }

    /** Removes the member and its presence; false when it was not here. */
    boolean remove(String id) {
        ActivityList.Entry<MemberInfo> entry = byId.remove(id);
        if (entry == null) {
            return false;
        }
        order.remove(entry);
        presence.remove(id);
        return true;
    }

    void promote(String id) {
        ActivityList.Entry<MemberInfo> entry = byId.get(id);
        if (entry != null) {
            order.moveToFront(entry);
        }
    }

    /** Sets (or with null clears) a member's presence; false when it is not here. */
    boolean setPresence(String id, String meta) {
        if (!byId.containsKey(id)) {
            return false;
        }
        if (meta == null) {
            presence.remove(id);
        } else {
            presence.put(id, meta);
        }
        return true;
    }

    List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    /** The members, most active first, each with its presence. */
    List<MemberInfo> members() {
        List<MemberInfo> list = new ArrayList<>(order.size());
        order.forEach(member -> {
            String meta = presence.get(member.id());
            list.add(meta == null ? member : member.withMeta(meta));
        });
        return list;
    }
}
