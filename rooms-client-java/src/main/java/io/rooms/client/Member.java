package io.rooms.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A member of a room as the server announced it; {@code user} and {@code meta} (presence) may be null. */
public record Member(String id, String name, String color, String user, JsonNode meta) {
    static Member of(JsonNode node) {
        JsonNode meta = node.get("meta");
        return new Member(node.path("id").asText(), node.path("name").asText(null), node.path("color").asText(null),
                node.hasNonNull("user") ? node.get("user").asText() : null, meta == null || meta.isNull() ? null : meta);
    }

    Member withMeta(JsonNode value) {
        return new Member(id, name, color, user, value == null || value.isNull() ? null : value);
    }
}
