package io.rooms;

import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Room messages on their way in: a member's message, a server push and a state answer become bus
 * events, and the state they carry is offered to the saver with its place in the room's order.
 * Delivery is the bus's and the rooms' business. Thread-safe.
 */
final class Relay {
    /** A member id as the core gives them out: a node id, a dash, a base-36 number. */
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9]{1,32}-[a-z0-9]{1,13}");

    private final LocalRooms rooms;
    private final Bus bus;
    private final StateSaver saver;
    private final Outage outage;

    Relay(LocalRooms rooms, Bus bus, StateSaver saver, Outage outage) {
        this.rooms = rooms;
        this.bus = bus;
        this.saver = saver;
        this.outage = outage;
    }

    static boolean isMemberId(String id) {
        return id != null && MEMBER_ID.matcher(id).matches();
    }

    /** Relays a room message to the rest of the room, or to its {@code to}; acknowledged once the bus has it. */
    void relay(MessageContext context, Message message) {
        Client client = context.client();
        Member target = context.target(message);
        if (target == null) {
            return;
        }
        Room room = target.room();
        String to = message.to();
        if (to != null && !isMemberId(to)) {
            noSuchMember(context, room.name, to);
            return;
        }
        boolean stateBearing = to == null && message.data() != null && saver.isStateBearing(message.action());
        BusEvent.Said said = new BusEvent.Said(room.name, 0, client.id, message.action(), message.data(), to,
                message.hasData());
        boolean deferred = context.deferAck(); // acknowledged once the bus has it, which may be later
        String session = client.session;
        Bus.Accepted accepted = deferred && session != null ? new Bus.Accepted(session, context.ref()) : null;
        bus.publish(said, accepted).whenComplete((delivery, failure) -> {
            if (failure != null) {
                outage.failed(to == null ? "room message" : "direct message", failure, said);
            }
            if (failure == null && to != null && delivery.recipients() == 0) {
                noSuchMember(context, room.name, to);
            } else if (deferred) {
                context.acknowledge();
            }
            if (stateBearing) {
                saver.offer(room.name, message.data(), failure == null ? delivery.seq() : 0);
            }
        });
    }

    private static void noSuchMember(MessageContext context, String room, String to) {
        context.error(ErrorCode.NO_SUCH_MEMBER, "no member " + to + " in room " + room);
    }

    /**
     * Sends {@code action} with {@code data} from "server" to every member, or with {@code to} to that
     * member alone; completes with how many got it.
     */
    CompletionStage<Integer> push(String room, String action, String data, String to) {
        boolean stateBearing = to == null && data != null && saver.isStateBearing(action);
        BusEvent.Said said = new BusEvent.Said(room, 0, "server", action, data, to, false);
        return bus.publish(said, null).handle((delivery, failure) -> {
            int recipients;
            long seq = 0;
            if (failure == null) {
                recipients = delivery.recipients();
                seq = delivery.seq();
            } else {
                recipients = localRecipients(room, to);
                outage.failed("push", failure, said);
            }
            if (stateBearing) {
                saver.offer(room, data, seq);
                if (recipients == 0) {
                    saver.roomEmptied(room);
                }
            }
            return recipients;
        });
    }

    /** While the bus is unreachable: how many of this node's members a push reaches. */
    private int localRecipients(String room, String to) {
        Room local = rooms.find(room);
        if (local == null) {
            return 0;
        }
        synchronized (local) {
            return to == null ? local.size() : local.find(to) == null ? 0 : 1;
        }
    }

    /** A member's answer to {@code requestState}, for the newcomer's node, which checks it. */
    void answerState(MessageContext context, Message message) {
        Client client = context.client();
        Member target = context.target(message);
        if (target == null) {
            return;
        }
        Room room = target.room();
        if (message.forId() == null) {
            context.error(ErrorCode.BAD_MESSAGE, "a state answer needs \"for\", the newcomer's id");
            return;
        }
        if (!isMemberId(message.forId())) {
            return; // no newcomer has such an id: an unsolicited answer, ignored as any other
        }
        BusEvent.StateGiven answer = new BusEvent.StateGiven(room.name, 0, client.id, message.forId(),
                message.data(), message.hasData());
        bus.send(answer).whenComplete((delivery, failure) -> {
            if (failure != null) {
                outage.failed("state answer", failure, answer);
            }
        });
    }
}
