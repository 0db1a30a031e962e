package io.rooms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private static final URI NOWHERE = URI.create("ws://127.0.0.1:1/ws");

    @Test
    void connectAfterCloseFailsItsFutureAndStartsNothing() {
        RoomsClient client = RoomsClient.builder(NOWHERE).build();
        client.close();
        CompletableFuture<RoomsClient> connected = client.connect();
        assertThat(connected).isCompletedExceptionally();
        assertThat(client.status()).isEqualTo(Status.CLOSED);
        assertThat(client.closeReason()).isEqualTo(CloseReason.CLOSED_BY_CLIENT);
    }

    @Test
    void aSecondConnectIsTheSameAttemptAndCloseEndsBoth() {
        RoomsClient client = RoomsClient.builder(NOWHERE).build();
        CompletableFuture<RoomsClient> first = client.connect();
        CompletableFuture<RoomsClient> second = client.connect();
        client.close();
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(client.room("lobby").request("move", 1)).as("nothing is kept by a closed client").isCompletedExceptionally();
    }
}
