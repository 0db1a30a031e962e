package io.rooms;

/** What a handler may do for the client whose message it handles. */
public interface ActionContext {

    /** The sender's id. */
    String clientId();

    /** The sender's room, or {@code null} when it is in none. */
    String room();

    /** Sends {@code {"action":action,"data":data}} to the sender alone; {@code rawData} is JSON text or null. */
    void reply(String action, String rawData);

    /** Sends an {@code error} to the sender and counts it. */
    void error(ErrorCode code, String message);

    /**
     * The default treatment of a room message: relays it to the rest of the sender's room (or to
     * the member named by {@code to}), with {@code from}, moves the sender to the front when it
     * carries data, and offers its data as the room's state when the save policy says so.
     */
    void relay(Message message);
}
