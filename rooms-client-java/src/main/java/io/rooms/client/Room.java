package io.rooms.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One room of a {@link RoomsClient}: what the server says in it reaches the handlers given to
 * {@link #on}, and what is sent through it goes to the room.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #send}, {@link #talk} and {@link #request} carry a {@code ref}: the message is kept
 *       until the server acknowledges it, and sent again after a reconnect once the room is resumed;
 *       the server's dedupe of refs makes that exactly once.</li>
 *   <li>{@link #sendVolatile} is sent only while connected and joined, and only if it can go at once;
 *       while offline, or while kept messages wait for their turn, it is dropped, never queued.</li>
 *   <li>Nothing is sent faster than the server's rate ({@link RoomsClientBuilder#maxMessagesPerSecond}):
 *       the rest waits in order, so that the server drops none of it.</li>
 *   <li>After a reconnect the room is resumed from the last {@code seq} it saw: the server replays what
 *       it missed, in order, each once ({@link #recovered()} says whether it could).</li>
 * </ul>
 * Thread-safe; handlers run on the client's callback executor, one at a time, in the order the
 * frames came.
 */
public final class Room {
    private final RoomsClient client;
    private final String name;
    private final Map<String, List<Consumer<RoomMessage>>> handlers = new ConcurrentHashMap<>();
    private final CompletableFuture<Room> firstJoin = new CompletableFuture<>();
    private volatile Supplier<JsonNode> stateSupplier;
    // Guarded by the client's lock:
    String session;
    long seq;
    boolean joined;
    boolean left;
    boolean recovered;
    JsonNode presence;
    final List<Member> members = new ArrayList<>();

    Room(RoomsClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Completes once the room is first joined; fails if the server refuses it ({@code roomFull}, {@code forbidden}, ...). */
    public CompletableFuture<Room> joined() {
        return firstJoin.copy();
    }

    /** Calls {@code handler} with every frame of {@code action} in this room ({@code "talkToRoom"}, {@code "memberJoined"}, an app action...). */
    public Room on(String action, Consumer<RoomMessage> handler) {
        handlers.computeIfAbsent(action, a -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    /** Stops calling {@code handler} for {@code action}; false if it was not on. */
    public boolean off(String action, Consumer<RoomMessage> handler) {
        List<Consumer<RoomMessage>> list = handlers.get(action);
        return list != null && list.remove(handler);
    }

    /** Sends {@code data} to everyone else in the room: {@code talkToRoom}, kept until acknowledged. */
    public void talk(Object data) {
        send("talkToRoom", data);
    }

    /** Sends an action with {@code data} (a {@link JsonNode}, a record, any value Jackson writes) to the room, kept until acknowledged. */
    public void send(String action, Object data) {
        client.sendRetained(this, action, data, null);
    }

    /** Sends an action to one member of the room, kept until acknowledged. */
    public void sendTo(String memberId, String action, Object data) {
        client.sendRetained(this, action, data, memberId);
    }

    /**
     * Sends an action to the room, kept until acknowledged; completes with the {@code ack}, or fails
     * with {@link RequestFailedException} carrying the {@code error}'s code, or with a time-out after
     * the client's request time-out (the message is still kept and may yet be delivered).
     */
    public CompletableFuture<JsonNode> request(String action, Object data) {
        return client.sendRetained(this, action, data, null);
    }

    /** As {@link #request}, to one member of the room: fails with {@code no_such_member} if it is not in the room. */
    public CompletableFuture<JsonNode> requestTo(String memberId, String action, Object data) {
        return client.sendRetained(this, action, data, memberId);
    }

    /**
     * Sends an action only if connected and joined now, and within the rate; otherwise drops it and
     * returns false. No {@code ref}, no ack.
     */
    public boolean sendVolatile(String action, Object data) {
        return client.sendVolatile(this, action, data);
    }

    /** Sets this member's presence in the room (null clears it); set again after each join. */
    public void setPresence(Object meta) {
        client.setPresence(this, meta);
    }

    /**
     * Answers the server's {@code requestState} for a newcomer with what {@code supplier} gives (called
     * on the callback executor); with none set, requests go unanswered and the server asks the next.
     */
    public Room answerState(Supplier<JsonNode> supplier) {
        this.stateSupplier = supplier;
        return this;
    }

    /** The members, most active first, as this client has heard them. */
    public List<Member> members() {
        synchronized (client) {
            return List.copyOf(members);
        }
    }

    /** Whether the last join of this room resumed its session (the server replayed what was missed). */
    public boolean recovered() {
        synchronized (client) {
            return recovered;
        }
    }

    /** Leaves the room; its messages not yet acknowledged are given up. */
    public void leave() {
        client.leave(this);
    }

    Supplier<JsonNode> stateSupplier() {
        return stateSupplier;
    }

    void dispatch(RoomMessage message) {
        for (Consumer<RoomMessage> handler : handlers.getOrDefault(message.action(), List.of())) {
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                System.getLogger(Room.class.getName()).log(System.Logger.Level.WARNING,
                        "a handler of " + message.action() + " in room " + name + " failed", e);
            }
        }
    }

    void joinedFirst() {
        firstJoin.complete(this);
    }

    void refused(String code, String message) {
        firstJoin.completeExceptionally(new RequestFailedException(code, message));
    }
}
