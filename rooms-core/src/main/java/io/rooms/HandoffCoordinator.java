package io.rooms;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Scheduler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state hand-off to newcomers: the most active member not yet asked, wherever it is, gets
 * {@code requestState}; on a time-out, or when it leaves, the next is asked; when none is left,
 * the store answers. A newcomer's hand-off lives in its room on its node and changes only under
 * that room's lock. Thread-safe.
 */
final class HandoffCoordinator {
    private static final Logger log = LoggerFactory.getLogger(HandoffCoordinator.class);

    private final Bus bus;
    private final RoomLookup views;
    private final StateSaver saver;
    private final Scheduler scheduler;
    private final Outage outage;
    private final long stateTimeoutNanos;

    HandoffCoordinator(Bus bus, RoomLookup views, StateSaver saver, Scheduler scheduler, Outage outage,
            long stateTimeoutNanos) {
        this.bus = bus;
        this.views = views;
        this.saver = saver;
        this.scheduler = scheduler;
        this.outage = outage;
        this.stateTimeoutNanos = stateTimeoutNanos;
    }

    /** Asks the most active member not yet asked; the store answers when none is left. */
    void askNext(Room room, PendingHandoff handoff) {
        views.members(room.name).thenAccept(order -> ask(room, handoff, order));
    }

    private void ask(Room room, PendingHandoff handoff, List<MemberInfo> order) {
        String asked = null;
        synchronized (room) {
            if (room.handoffs().get(handoff.newcomer.id) != handoff || handoff.current != null) {
                return;
            }
            for (MemberInfo member : order) {
                if (!member.id().equals(handoff.newcomer.id) && !handoff.asked.contains(member.id())) {
                    asked = member.id();
                    break;
                }
            }
            if (asked == null) {
                room.handoffs().remove(handoff.newcomer.id);
            } else {
                String candidate = asked;
                handoff.asked.add(candidate);
                handoff.current = candidate;
                handoff.timeout = scheduler.schedule(stateTimeoutNanos, () -> timedOut(room, handoff, candidate));
            }
        }
        if (asked == null) {
            stateFromStore(room, handoff.newcomer);
            return;
        }
        BusEvent.StateAsked request = new BusEvent.StateAsked(room.name, handoff.newcomer.id, asked);
        bus.send(request).whenComplete((delivery, failure) -> {
            if (failure != null) {
                outage.failed("state request", failure, request);
            }
        });
    }

    private void timedOut(Room room, PendingHandoff handoff, String asked) {
        synchronized (room) {
            if (room.handoffs().get(handoff.newcomer.id) != handoff || !asked.equals(handoff.current)) {
                return;
            }
            handoff.timeout = null;
            handoff.current = null;
        }
        askNext(room, handoff);
    }

    /** {@code left} was asked for someone's state in this room: ask the next one. */
    void askedMemberLeft(Room room, String left) {
        List<PendingHandoff> reask = new ArrayList<>(0);
        synchronized (room) {
            for (PendingHandoff handoff : room.handoffs().values()) {
                if (left.equals(handoff.current)) {
                    handoff.cancel();
                    handoff.current = null;
                    reask.add(handoff);
                }
            }
        }
        reask.forEach(handoff -> askNext(room, handoff));
    }

    /** A member's answer reached the newcomer's node: forwarded if it is the one awaited. */
    void given(Room room, BusEvent.StateGiven answer) {
        Batch batch = new Batch();
        synchronized (room) {
            PendingHandoff handoff = room.handoffs().get(answer.newcomer());
            if (handoff == null || !answer.from().equals(handoff.current) || !handoff.newcomer.isMemberOf(room)) {
                log.debug("ignoring a late or unsolicited state from {} for {}", answer.from(), answer.newcomer());
                return;
            }
            handoff.cancel();
            room.handoffs().remove(answer.newcomer());
            batch.send(handoff.newcomer, ServerFrames.state(room.name, answer.data(), "peer"));
            if (answer.data() != null && saver.isStateBearing("state")) {
                saver.offer(room.name, answer.data(), answer.seq());
            }
        }
        batch.flush();
    }

    /** The newcomer gets the room's latest state, pending or saved, if there is one. */
    void stateFromStore(Room room, Client newcomer) {
        saver.latest(room.name).whenComplete((state, failure) -> {
            if (failure != null) {
                log.warn("could not load the saved state of room {}: {}", room.name, failure.toString());
                return;
            }
            if (state.isEmpty()) {
                return;
            }
            String frame = ServerFrames.state(room.name, state.get(), "store");
            Batch batch = new Batch();
            synchronized (room) {
                if (newcomer.isMemberOf(room)) {
                    batch.send(newcomer, frame);
                }
            }
            batch.flush();
        });
    }
}
