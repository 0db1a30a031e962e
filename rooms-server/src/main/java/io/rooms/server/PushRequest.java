package io.rooms.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The body of {@code POST /api/rooms/{room}/messages}, held to the same rules as a socket message:
 * JSON in UTF-8, one object and nothing after it, at most {@code --max-message-bytes}, nesting at
 * most 64 deep, a non-empty string {@code action}, and {@code to}, when present, a string (a member
 * id: the push goes to that member alone). Refusals carry the socket's error codes.
 * Thread-safe.
 */
final class PushRequest {
    /** What a body parses to: a push, or a refusal. */
    sealed interface Parsed permits Push, Refusal {}

    /** A push to deliver: the action, the raw JSON text of its data or null, and the one member it is for or null. */
    record Push(String action, String rawData, String to) implements Parsed {}

    /** Why a push is refused: the HTTP status, the contract's error code, and a sentence for a person. */
    record Refusal(int status, ErrorCode code, String message) implements Parsed {}

    private final ObjectMapper json;
    private final int maxBytes;

    PushRequest(int maxBytes) {
        this.maxBytes = maxBytes;
        this.json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                        .maxStringLength(Math.max(1, maxBytes)).maxNumberLength(100).build())
                .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A body longer than the limit, by its declared length, is refused before it is read. */
    Refusal checkHead(String contentType, long contentLength) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return new Refusal(415, ErrorCode.BAD_MESSAGE, "the body must be sent as Content-Type: application/json");
        }
        if (contentLength > maxBytes) {
            return tooLarge();
        }
        return null;
    }

    /** The push in {@code body}, or the refusal. */
    Parsed parse(byte[] body) {
        if (body.length > maxBytes) {
            return tooLarge();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new Refusal(400, ErrorCode.BAD_JSON, "the body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            return new Refusal(400, ErrorCode.BAD_JSON, "the body must be one JSON object: {\"action\": \"...\", \"data\": ...}");
        }
        JsonNode action = node == null || !node.isObject() ? null : node.get("action");
        if (action == null || !action.isTextual() || action.asText().isEmpty()) {
            return new Refusal(400, ErrorCode.BAD_MESSAGE, "the body needs a non-empty string \"action\"");
        }
        JsonNode to = node.get("to");
        if (to != null && !to.isNull() && !to.isTextual()) {
            return new Refusal(400, ErrorCode.BAD_MESSAGE, "\"to\" must be a member id, a string");
        }
        JsonNode data = node.get("data");
        return new Push(action.asText(), data == null ? null : data.toString(),
                to == null || to.isNull() ? null : to.asText());
    }

    int maxBytes() {
        return maxBytes;
    }

    Refusal tooLarge() {
        return new Refusal(413, ErrorCode.TOO_LARGE, "a push is limited to " + maxBytes + " bytes, as a socket message is");
    }
}
