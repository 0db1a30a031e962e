package io.rooms.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * What the server says, taken in: each frame updates the client's view under its lock (the room's
 * session, number and members, the messages acknowledged), then reaches the room's handlers on the
 * callback executor. Frames of a socket that is no longer the client's are ignored.
 */
final class Inbound implements Socket.Events {
    /** Errors that refuse a join: the room is given up, not tried again. */
    private static final Set<String> JOIN_REFUSED = Set.of("forbidden", "bad_room", "room_limit", "too_many_rooms");

    private final RoomsClient client;

    Inbound(RoomsClient client) {
        this.client = client;
    }

    @Override
    public void text(Socket socket, String text) {
        if (!client.isCurrent(socket)) {
            return;
        }
        client.heard(socket);
        JsonNode frame;
        try {
            frame = Frames.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return; // not from a Rooms server
        }
        String action = frame.path("action").asText("");
        synchronized (client) {
            switch (action) {
                case "pong" -> { }
                case "ack" -> acked(frame);
                case "error" -> error(frame);
                default -> roomFrame(action, frame);
            }
        }
    }

    @Override
    public void ended(Socket socket, int code, String reason) {
        client.ended(socket, code, reason);
    }

    private void acked(JsonNode frame) {
        Retained.Entry entry = client.retained.remove(frame.path("ref").asText());
        if (entry != null) {
            entry.acked().complete(frame);
        }
    }

    private void error(JsonNode frame) {
        String code = frame.path("code").asText();
        String message = frame.path("message").asText("");
        Retained.Entry entry = frame.hasNonNull("ref") ? client.retained.remove(frame.get("ref").asText()) : null;
        if (entry != null) {
            entry.acked().completeExceptionally(new RequestFailedException(code, message));
            return;
        }
        Room room = client.rooms.get(frame.path("room").asText());
        if (room == null) {
            return;
        }
        if (!room.joined && JOIN_REFUSED.contains(code)) {
            giveUp(room);
            room.refused(code, message);
        }
        dispatch(room, "error", frame);
    }

    private void roomFrame(String action, JsonNode frame) {
        Room room = client.rooms.get(frame.path("room").asText());
        if (room == null) {
            return;
        }
        if (frame.has("seq") && !action.equals("joined")) {
            room.seq = Math.max(room.seq, frame.get("seq").asLong());
        }
        switch (action) {
            case "joined" -> joined(room, frame);
            case "roomFull" -> {
                giveUp(room);
                room.refused("room_full", "room " + room.name() + " is full");
            }
            case "removed" -> giveUp(room);
            case "memberJoined" -> {
                room.members.removeIf(m -> m.id().equals(frame.path("id").asText()));
                room.members.add(Member.of(frame));
            }
            case "memberLeft" -> room.members.removeIf(m -> m.id().equals(frame.path("id").asText()));
            case "memberUpdated" -> room.members.replaceAll(m -> m.id().equals(frame.path("id").asText())
                    ? m.withMeta(frame.get("meta")) : m);
            case "requestState" -> answer(room, frame.path("for").asText());
            default -> promote(room, frame);
        }
        dispatch(room, action, frame);
    }

    private void joined(Room room, JsonNode frame) {
        room.joined = true;
        room.session = frame.path("session").asText(null);
        room.recovered = frame.path("recovered").asBoolean(false);
        if (!room.recovered) {
            room.seq = frame.path("seq").asLong(); // resumed: the replay that follows moves it, frame by frame
        }
        client.memberId = frame.path("id").asText(client.memberId);
        room.members.clear();
        frame.path("members").forEach(member -> room.members.add(Member.of(member)));
        if (room.presence != null) {
            client.sendPresence(room);
        }
        for (Retained.Entry entry : client.retained.of(room.name())) {
            client.sendNow(entry.frame()); // in the order first sent; the server drops those it had
        }
        client.callback(room::joinedFirst);
    }

    /** A member that sent something with data is now the room's most active. */
    private static void promote(Room room, JsonNode frame) {
        String from = frame.path("from").asText(null);
        if (from == null || !frame.has("data")) {
            return;
        }
        for (int i = 0; i < room.members.size(); i++) {
            if (room.members.get(i).id().equals(from)) {
                room.members.add(0, room.members.remove(i));
                return;
            }
        }
    }

    private void answer(Room room, String newcomer) {
        var supplier = room.stateSupplier();
        if (supplier == null) {
            return;
        }
        client.callback(() -> {
            client.sendNow(Frames.message("state", room.name(), supplier.get()).put("for", newcomer));
        });
    }

    private void giveUp(Room room) {
        Retained.fail(client.forget(room), "room " + room.name() + " is no longer joined");
    }

    private void dispatch(Room room, String action, JsonNode frame) {
        JsonNode data = frame.get("data");
        RoomMessage message = new RoomMessage(room.name(), action, frame.path("from").asText(null),
                data == null || data.isNull() ? null : data, frame.path("seq").asLong(0), frame);
        client.callback(() -> room.dispatch(message));
    }
}
