package io.rooms.client;

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
}
