package io.rooms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class HandlersTest {
    private static RoomMessage said(String text) {
        return new RoomMessage("lobby", "talkToRoom", "m1", JsonNodeFactory.instance.textNode(text), 1,
                JsonNodeFactory.instance.objectNode());
    }

    @Test
    void aHandlerTakenOffHearsNothingMoreAndTheOthersGoOn() {
        try (RoomsClient client = RoomsClient.builder(URI.create("ws://127.0.0.1:1/ws")).build()) {
            Room room = client.room("lobby");
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            Consumer<RoomMessage> one = message -> first.add(message.data().asText());
            room.on("talkToRoom", one).on("talkToRoom", message -> second.add(message.data().asText()));
            room.dispatch(said("a"));
            assertThat(room.off("talkToRoom", one)).isTrue();
            assertThat(room.off("talkToRoom", one)).as("already off").isFalse();
            assertThat(room.off("memberJoined", one)).isFalse();
            room.dispatch(said("b"));
            assertThat(first).containsExactly("a");
            assertThat(second).containsExactly("a", "b");
        }
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheOthers() {
        try (RoomsClient client = RoomsClient.builder(URI.create("ws://127.0.0.1:1/ws")).build()) {
            Room room = client.room("lobby");
            List<String> heard = new ArrayList<>();
            room.on("talkToRoom", message -> {
                throw new IllegalStateException("a bug in the app's handler");
            }).on("talkToRoom", message -> heard.add(message.data().asText()));
            room.dispatch(said("still heard"));
            assertThat(heard).containsExactly("still heard");
        }
    }
}
