package io.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.spi.ConnectionListener;
import java.io.UncheckedIOException;
import java.util.List;

/** A client on the fake transport, with helpers to send JSON and read what it received. */
final class TestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeConnection connection;
    final ConnectionListener listener;

    TestClient(FakeConnection connection, ConnectionListener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    String id() {
        return listener.clientId();
    }

    void send(String json) {
        listener.onText(json);
    }

    /** Joins {@code room} and returns the {@code joined} frame. */
    JsonNode join(String room) {
        connection.clearFrames();
        send("{\"action\":\"newClient\",\"room\":\"" + room + "\"}");
        JsonNode joined = last("joined");
        if (joined == null) {
            throw new AssertionError("no joined frame for " + room + ": " + connection.frames());
        }
        return joined;
    }

    List<JsonNode> frames() {
        return connection.frames().stream().map(TestClient::parse).toList();
    }

    List<JsonNode> framesOf(String action) {
        return frames().stream().filter(f -> action.equals(f.path("action").asText())).toList();
    }

    JsonNode last(String action) {
        List<JsonNode> found = framesOf(action);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    String lastErrorCode() {
        JsonNode error = last("error");
        return error == null ? null : error.get("code").asText();
    }

    void clear() {
        connection.clearFrames();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
