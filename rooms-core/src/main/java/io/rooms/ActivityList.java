package io.rooms;

import java.util.function.Consumer;

/**
 * Values ordered by last activity, most active first: a doubly linked list of entries, so promote,
 * add, remove and first are O(1) and walking it is O(n). Not thread-safe: guarded by its owner's lock.
 */
final class ActivityList<V> {
    private Entry<V> head;
    private Entry<V> tail;
    private int size;

    /** One value's place in the list. */
    static final class Entry<V> {
        final V value;
        private Entry<V> prev;
        private Entry<V> next;

        private Entry(V value) {
            this.value = value;
        }
    }

    /** Adds a newcomer at the back: joining is not activity. */
    Entry<V> addLast(V value) {
        Entry<V> entry = new Entry<>(value);
        entry.prev = tail;
        if (tail == null) {
            head = entry;
        } else {
            tail.next = entry;
        }
        tail = entry;
        size++;
        return entry;
    }

    void remove(Entry<V> entry) {
        if (entry.prev == null) {
            head = entry.next;
        } else {
            entry.prev.next = entry.next;
        }
        if (entry.next == null) {
            tail = entry.prev;
        } else {
            entry.next.prev = entry.prev;
        }
        entry.prev = null;
        entry.next = null;
        size--;
    }

    void moveToFront(Entry<V> entry) {
        if (head == entry) {
            return;
        }
        remove(entry);
        entry.next = head;
        head.prev = entry;
        head = entry;
        size++;
    }

    /** The most active value, or null. */
    V first() {
        return head == null ? null : head.value;
    }

    int size() {
        return size;
    }

    void forEach(Consumer<V> action) {
        for (Entry<V> e = head; e != null; e = e.next) {
            action.accept(e.value);
        }
    }
}
