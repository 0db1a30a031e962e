package io.rooms;

/**
 * Handles one client action. Handlers run on the transport's thread for that client, one message
 * at a time per client; they must not block.
 */
@FunctionalInterface
public interface ActionHandler {
    void handle(ActionContext context, Message message);
}
