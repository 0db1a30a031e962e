package io.rooms;

/**
 * Handles one client action. Handlers run one message at a time per client: on the transport's
 * thread for that client or, for the messages that arrived while the client's join was on its way
 * to the bus, on one of the engine's flush threads. Never on a bus thread. They must not block.
 */
@FunctionalInterface
public interface ActionHandler {
    void handle(ActionContext context, Message message);
}
