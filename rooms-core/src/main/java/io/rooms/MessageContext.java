package io.rooms;

import java.util.concurrent.CompletionStage;

/**
 * The {@link ActionContext} of one message, as Netty's {@code ChannelHandlerContext} or Javalin's
 * {@code WsContext}: the client it came from, its ref, and the replies. What the message earned
 * travels here: an error marks it refused (its ref is forgotten, so a retry is taken), and a handler
 * that answers later {@linkplain #deferAck defers} its acknowledgement. Used on the sender's event
 * thread while the message is dispatched; a deferred answer may come from any thread after that.
 */
final class MessageContext implements ActionContext {
    private final Client client;
    private final String ref;
    private final Counters counters;
    private final Relay relay;
    private boolean refused;
    private boolean deferred;
    private volatile boolean dispatched;
    private CompletionStage<?> holding;
    /** The room the message is for, once known, while the client is in several; errors carry it. */
    private volatile String room;

    MessageContext(Client client, String ref, Counters counters, Relay relay) {
        this.client = client;
        this.ref = ref;
        this.counters = counters;
        this.relay = relay;
    }

    Client client() {
        return client;
    }

    /** The message's ref, as raw JSON text, or null. */
    String ref() {
        return ref;
    }

    @Override
    public String clientId() {
        return client.id;
    }

    @Override
    public String room() {
        return client.roomName();
    }

    @Override
    public void reply(String action, String rawData) {
        client.send(ServerFrames.reply(action, rawData));
    }

    /** Sends {@code frame} to the sender. */
    void send(String frame) {
        client.send(frame);
    }

    /**
     * Error {@code code}, carrying the message's ref: the message is refused, and its ref forgotten
     * so that the client may send it again.
     */
    @Override
    public void error(ErrorCode code, String message) {
        refused = true;
        counters.error(code);
        client.send(ServerFrames.error(code.wire(), message, ref, room));
        if (dispatched && ref != null) {
            client.refs.forget(ref); // a deferred answer: the dispatch is no longer here to forget it
        }
    }

    /** The message is a {@code join} of {@code name}: an error answering it names that room, as the join gave it. */
    void answersJoinOf(String name) {
        this.room = name;
    }

    /**
     * The membership a room message is for: the client's one room whatever the message's
     * {@code room}; in several, the one it names. Null after answering {@code not_in_room} or
     * {@code bad_room}.
     */
    Member target(Message message) {
        if (client.isGone() || client.membershipCount() == 0) {
            error(ErrorCode.NOT_IN_ROOM, "join a room first");
            return null;
        }
        Member only = client.onlyMembership();
        if (only != null) {
            return only;
        }
        String named = message.room();
        if (!io.rooms.spi.RoomName.isValid(named)) {
            error(ErrorCode.BAD_ROOM, "in several rooms, a room message names its room");
            return null;
        }
        Member member = client.membership(named);
        if (member == null) {
            error(ErrorCode.NOT_IN_ROOM, "not in room " + named);
        } else {
            this.room = named;
        }
        return member;
    }

    @Override
    public void relay(Message message) {
        relay.relay(this, message);
    }

    /**
     * Takes over the message's acknowledgement: the handler answers later, with {@link #acknowledge}
     * or {@link #error}. Returns false when there is nothing to acknowledge (no ref).
     */
    boolean deferAck() {
        deferred = ref != null;
        return deferred;
    }

    /** A deferred acknowledgement: the message was accepted. */
    void acknowledge() {
        if (ref != null) {
            client.send(ServerFrames.ack(ref));
        }
    }

    /** The client's next messages wait until {@code stage} completes (a join on its way), in order. */
    void holdUntil(CompletionStage<?> stage) {
        client.held().joinStarted();
        holding = stage;
    }

    /** What the message's handler asked the sender's next messages to wait for, or null. */
    CompletionStage<?> holding() {
        return holding;
    }

    /** The handler returned: acknowledges the message unless it was refused or its answer deferred. */
    void dispatched() {
        dispatched = true;
        if (ref == null) {
            return;
        }
        if (refused) {
            client.refs.forget(ref);
        } else if (!deferred) {
            client.send(ServerFrames.ack(ref));
        }
    }
}
