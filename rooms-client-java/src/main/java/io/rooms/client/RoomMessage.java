package io.rooms.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One frame the server sent about a room: its {@code action}, who it is {@code from} (a member id, or
 * {@code "server"}; null for the server's own notices), its {@code data} (null when it had none), its
 * {@code seq} (0 for frames that carry none) and the whole frame.
 */
public record RoomMessage(String room, String action, String from, JsonNode data, long seq, JsonNode frame) {

    /** The data as a value of {@code type} (a record, say), read by Jackson. */
    public <T> T data(Class<T> type) {
        try {
            return Frames.JSON.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the data of " + action + " is not a " + type.getSimpleName(), e);
        }
    }
}
