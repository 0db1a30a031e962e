package io.rooms.internal;

import java.util.function.Consumer;

/**
 * Members ordered by last activity, most active first: a doubly linked list, so promote, add,
 * remove and first are O(1) and walking it is O(n). Not thread-safe: guarded by its room's lock.
 */
final class ActivityList {
    private Member head;
    private Member tail;
    private int size;

    /** Adds a newcomer at the back: joining is not activity. */
    void addLast(Member member) {
        member.prev = tail;
        member.next = null;
        if (tail == null) {
            head = member;
        } else {
            tail.next = member;
        }
        tail = member;
        size++;
    }

    void remove(Member member) {
        if (member.prev == null) {
            head = member.next;
        } else {
            member.prev.next = member.next;
        }
        if (member.next == null) {
            tail = member.prev;
        } else {
            member.next.prev = member.prev;
        }
        member.prev = null;
        member.next = null;
        size--;
    }

    void moveToFront(Member member) {
        if (head == member) {
            return;
        }
        remove(member);
        member.next = head;
        head.prev = member;
        head = member;
        size++;
    }

    Member first() {
        return head;
    }

    int size() {
        return size;
    }

    void forEach(Consumer<Member> action) {
        for (Member m = head; m != null; m = m.next) {
            action.accept(m);
        }
    }
}
