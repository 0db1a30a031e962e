package io.rooms.internal;

import io.rooms.MemberInfo;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bus delivers to this node, handed to the room it is for: the room renders each event's
 * frame once, outside its lock, and queues it for its members here under its lock. Never runs
 * application code, so it is safe on the bus's threads. Thread-safe.
 */
final class BusListener implements Bus.Listener {
    private static final Logger log = LoggerFactory.getLogger(BusListener.class);

    private final Engine engine;
    private final Rooms rooms;
    private final Membership membership;
    private final Handoffs handoffs;
    private final Bus bus;
    private final Outage outage;

    BusListener(Engine engine, Rooms rooms, Membership membership, Handoffs handoffs, Bus bus, Outage outage) {
        this.engine = engine;
        this.rooms = rooms;
        this.membership = membership;
        this.handoffs = handoffs;
        this.bus = bus;
        this.outage = outage;
    }

    @Override
    public void onEvent(BusEvent event) {
        Room room = rooms.find(event.room());
        if (room == null) {
            return;
        }
        try {
            if (event instanceof BusEvent.Joined joined) {
                broadcast(room, joined.seq(), joined.member().id(), Frames.of(joined));
            } else if (event instanceof BusEvent.Left left) {
                if (!engine.isStopping()) {
                    broadcast(room, left.seq(), left.member(), Frames.of(left));
                }
                handoffs.askedMemberLeft(room, left.member());
            } else if (event instanceof BusEvent.Said said) {
                if (said.to() == null) {
                    broadcast(room, said.seq(), said.from(), Frames.said(said));
                } else {
                    toMember(room, said.to(), Frames.said(said));
                }
            } else if (event instanceof BusEvent.StateAsked asked) {
                toMember(room, asked.asked(), Frames.requestState(room.name, asked.newcomer()));
            } else if (event instanceof BusEvent.StateGiven given) {
                handoffs.given(room, given);
            } else if (event instanceof BusEvent.Removed removed) {
                engine.removeLocal(room, removed.target());
            } else if (event instanceof BusEvent.Replaced replaced) {
                engine.takeOver(replaced.target());
            }
        } catch (RuntimeException e) {
            log.error("could not deliver a {} in room {}", event.getClass().getSimpleName(), event.room(), e);
        }
    }

    private static void broadcast(Room room, long seq, String from, String frame) {
        Batch batch = new Batch();
        synchronized (room) {
            if (room.isClosed()) {
                return;
            }
            room.deliver(seq, from, frame, batch);
        }
        batch.flush();
    }

    private static void toMember(Room room, String id, String frame) {
        Batch batch = new Batch();
        synchronized (room) {
            Member member = room.find(id);
            if (member != null) {
                batch.send(member.client(), frame);
            }
        }
        batch.flush();
    }

    @Override
    public int onDisconnectUser(String user) {
        return engine.disconnectLocal(user);
    }

    @Override
    public void onResyncNeeded() {
        Map<String, List<MemberInfo>> local = membership.localMembers();
        log.info("registering this node's members in {} room(s) with the cluster again", local.size());
        bus.resync(local).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("could not register this node's members again yet: {}", failure.toString());
            } else {
                log.info("this node's members are registered with the cluster again");
                outage.over();
            }
        });
    }
}
