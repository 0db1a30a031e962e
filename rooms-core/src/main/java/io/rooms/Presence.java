package io.rooms;

import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code presence} action: a member's presence in a room, a small JSON object (or null to
 * clear it), set on the bus so that every node's members get {@code memberUpdated} and every
 * member list carries it. Not activity (the sender is not promoted) and not room state (never
 * saved). A member's updates go out at most one per {@link #PACE}: one that comes sooner is held,
 * and a later one replaces it, so the latest is always sent and never more than a pace late.
 * Thread-safe.
 */
final class Presence {
    /** The shortest gap between two updates of one membership that go out. */
    static final Duration PACE = Duration.ofMillis(100);

    private final Bus bus;
    private final Scheduler clock;
    private final Counters counters;
    private final Outage outage;
    private final int maxBytes;

    Presence(Bus bus, Scheduler clock, Counters counters, Outage outage, int maxBytes) {
        this.bus = bus;
        this.clock = clock;
        this.counters = counters;
        this.outage = outage;
        this.maxBytes = maxBytes;
    }

    void set(MessageContext context, Message message) {
        Member member = context.target(message);
        if (member == null) {
            return;
        }
        String meta = message.data();
        if (meta == null || !meta.startsWith("{") && !meta.equals("null")) {
            context.error(ErrorCode.BAD_MESSAGE, "presence needs \"data\": a JSON object, or null to clear it");
            return;
        }
        if (meta.length() > maxBytes / 3 && meta.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            context.error(ErrorCode.TOO_LARGE, "a presence is at most " + maxBytes + " bytes of JSON");
            return;
        }
        offer(member, meta.equals("null") ? null : meta);
    }

    /** Sends {@code meta} now, or holds it until the pace allows; the latest held one wins. */
    private void offer(Member member, String meta) {
        PresenceSlot slot = member.presence();
        synchronized (slot) {
            long now = clock.nanoTime();
            if (slot.flush != null) {
                slot.pending = meta;
                counters.presenceCoalesced.increment(); // the one held before never goes out
                return;
            }
            long wait = slot.sent ? slot.sentAt + PACE.toNanos() - now : 0;
            if (wait > 0) {
                slot.pending = meta;
                slot.flush = clock.schedule(wait, () -> flush(member));
                return;
            }
            slot.sent = true;
            slot.sentAt = now;
            publish(member, meta);
        }
    }

    private void flush(Member member) {
        PresenceSlot slot = member.presence();
        synchronized (slot) {
            String meta = slot.pending;
            slot.pending = null;
            slot.flush = null;
            slot.sentAt = clock.nanoTime();
            if (member.client().membership(member.room().name) == member) { // still this membership
                publish(member, meta);
            }
        }
    }

    /** Called under the slot's monitor, so that one membership's updates reach the bus in order. */
    private void publish(Member member, String meta) {
        counters.presenceSent.increment();
        String room = member.room().name;
        String id = member.client().id;
        bus.setPresence(room, id, meta).whenComplete((delivery, failure) -> {
            if (failure != null) {
                outage.failed("presence", failure, new BusEvent.Updated(room, 0, id, meta));
            }
        });
    }
}
