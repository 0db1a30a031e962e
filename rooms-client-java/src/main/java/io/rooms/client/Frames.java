package io.rooms.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The client's frames, built as JSON trees and written by Jackson. */
final class Frames {
    static final ObjectMapper JSON = new ObjectMapper();

    private Frames() {
    }

    /** A frame of {@code action}, in {@code room} when not null. */
    static ObjectNode frame(String action, String room) {
        ObjectNode frame = JSON.createObjectNode().put("action", action);
        if (room != null) {
            frame.put("room", room);
        }
        return frame;
    }

    /** A frame of {@code action} in {@code room} carrying {@code data} (any value Jackson writes). */
    static ObjectNode message(String action, String room, Object data) {
        ObjectNode frame = frame(action, room);
        frame.set("data", JSON.valueToTree(data));
        return frame;
    }

    /** A join of {@code room}, resuming {@code session} from {@code seq} when there is one. */
    static ObjectNode join(String room, String session, long seq) {
        ObjectNode frame = frame("join", room);
        if (session != null) {
            frame.putObject("resume").put("session", session).put("seq", seq);
        }
        return frame;
    }

    /** This member's presence in {@code room}; a null {@code meta} clears it. */
    static ObjectNode presence(String room, JsonNode meta) {
        ObjectNode frame = frame("presence", room);
        frame.set("data", meta == null ? JSON.nullNode() : meta);
        return frame;
    }
}
