package io.rooms.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The messages sent with a {@code ref} and not yet acknowledged, in the order sent, each with the
 * future its {@code ack} or {@code error} completes: they are sent again, in that order, after a
 * reconnect, and the server's dedupe of refs within a session makes that exactly once. At most
 * {@code limit} are kept; past it the oldest is given up (its future fails). Not thread-safe: the
 * client's lock guards it.
 */
final class Retained {
    record Entry(String room, ObjectNode frame, CompletableFuture<JsonNode> acked) {}

    private final int limit;
    private final Map<String, Entry> byRef = new LinkedHashMap<>();

    Retained(int limit) {
        this.limit = limit;
    }

    /** Keeps a message; returns the one given up to make room, if any. */
    Entry add(String ref, Entry entry) {
        Entry dropped = null;
        if (byRef.size() >= limit) {
            Iterator<Map.Entry<String, Entry>> oldest = byRef.entrySet().iterator();
            dropped = oldest.next().getValue();
            oldest.remove();
        }
        byRef.put(ref, entry);
        return dropped;
    }

    /** The message acknowledged (or refused) by {@code ref}, no longer kept; null if none. */
    Entry remove(String ref) {
        return byRef.remove(ref);
    }

    /** The messages of {@code room} still waiting, in the order sent. */
    List<Entry> of(String room) {
        List<Entry> list = new ArrayList<>();
        for (Entry entry : byRef.values()) {
            if (entry.room().equals(room)) {
                list.add(entry);
            }
        }
        return list;
    }

    /** Gives up every message of {@code room} (it was left), returning them. */
    List<Entry> drop(String room) {
        List<Entry> dropped = of(room);
        byRef.values().removeIf(entry -> entry.room().equals(room));
        return dropped;
    }

    /** Fails the futures of {@code entries}: their messages are given up, for {@code why}. */
    static void fail(List<Entry> entries, String why) {
        IllegalStateException reason = new IllegalStateException(why);
        entries.forEach(entry -> entry.acked().completeExceptionally(reason));
    }

    /** Gives up everything (the client closed), returning it. */
    List<Entry> clear() {
        List<Entry> all = new ArrayList<>(byRef.values());
        byRef.clear();
        return all;
    }
}
