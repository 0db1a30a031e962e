package io.rooms;

import java.util.Map;

/**
 * The actions every engine answers; an application may replace any of them with a handler of its
 * own. Stateless: each forwards to the part that does the work.
 */
final class BuiltinActions {
    private BuiltinActions() {}

    static Map<String, ActionHandler> of(Joining joining, Leaving leaving, Relay relay, AccessControl access,
            Presence presence) {
        return Map.of(
                "newClient", (context, message) -> joining.join(own(context), message, false),
                "join", (context, message) -> joining.join(own(context), message, true),
                "echo", (context, message) -> context.reply("echo", message.data()),
                "ping", (context, message) -> own(context).send(ServerFrames.pong()),
                "talkToRoom", ActionContext::relay,
                "state", (context, message) -> relay.answerState(own(context), message),
                "refresh", (context, message) -> access.refresh(own(context), message),
                "leave", (context, message) -> leave(own(context), message, leaving),
                "presence", (context, message) -> presence.set(own(context), message));
    }

    /**
     * {@code leave}: with no {@code room}, every room; with one, that room (in exactly one room, the
     * one it is in); a room it is not in is {@code not_in_room}.
     */
    private static void leave(MessageContext context, Message message, Leaving leaving) {
        Client client = context.client();
        if (message.room() == null) {
            if (!leaving.leaveAll(client)) {
                context.error(ErrorCode.NOT_IN_ROOM, "not in a room");
            }
            return;
        }
        Member target = context.target(message);
        if (target != null && !leaving.leave(client, target.room())) {
            context.error(ErrorCode.NOT_IN_ROOM, "not in room " + target.room().name);
        }
    }

    /** The engine's own context: every message is dispatched with one. */
    private static MessageContext own(ActionContext context) {
        return (MessageContext) context;
    }
}
