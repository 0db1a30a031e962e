package io.rooms;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bus delivers to this node, handed to the room it is for: this listener renders each
 * event's frame once ({@link ServerFrames}), outside the room's lock, and the room queues it for its
 * members here under its lock. Never runs
 * application code, so it is safe on the bus's threads. Thread-safe.
 */
final class BusListener implements Bus.Listener {
    private static final Logger log = LoggerFactory.getLogger(BusListener.class);

    private final ClientRegistry clients;
    private final LocalRooms rooms;
    private final Leaving leaving;
    private final BooleanSupplier stopping;
    private final HandoffCoordinator handoffs;
    private final Bus bus;
    private final Outage outage;

    BusListener(ClientRegistry clients, LocalRooms rooms, Leaving leaving, HandoffCoordinator handoffs, Bus bus, Outage outage,
            BooleanSupplier stopping) {
        this.clients = clients;
        this.rooms = rooms;
        this.leaving = leaving;
        this.stopping = stopping;
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
                broadcast(room, joined.seq(), joined.member().id(), ServerFrames.of(joined));
            } else if (event instanceof BusEvent.Left left) {
                if (!stopping.getAsBoolean()) {
                    broadcast(room, left.seq(), left.member(), ServerFrames.of(left));
                }
                handoffs.askedMemberLeft(room, left.member());
            } else if (event instanceof BusEvent.Updated updated) {
                broadcast(room, updated.seq(), updated.member(), ServerFrames.memberUpdated(updated));
            } else if (event instanceof BusEvent.Said said) {
                if (said.to() == null) {
                    broadcast(room, said.seq(), said.from(), ServerFrames.said(said));
                } else {
                    toMember(room, said.to(), ServerFrames.said(said));
                }
            } else if (event instanceof BusEvent.StateAsked asked) {
                toMember(room, asked.asked(), ServerFrames.requestState(room.name, asked.newcomer()));
            } else if (event instanceof BusEvent.StateGiven given) {
                handoffs.given(room, given);
            } else if (event instanceof BusEvent.Removed removed) {
                removeLocal(room, removed.target());
            } else if (event instanceof BusEvent.Replaced replaced) {
                clients.takeOver(replaced.target());
            }
        } catch (RuntimeException e) {
            log.error("could not deliver a {} in room {}", event.getClass().getSimpleName(), event.room(), e);
        }
    }

    /** The server took member {@code id} out of {@code room}: if it is here, it leaves and is told. */
    private void removeLocal(Room room, String id) {
        Client client = clients.find(id);
        if (client != null && client.isMemberOf(room) && leaving.leave(client, room)) {
            client.send(ServerFrames.removed(room.name));
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
        return clients.disconnectUser(user);
    }

    @Override
    public void onResyncNeeded() {
        Map<String, List<MemberInfo>> local = leaving.localMembers();
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
