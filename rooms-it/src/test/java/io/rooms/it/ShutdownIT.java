package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.StoredState;
import io.rooms.server.ServerSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class ShutdownIT {

    @Test
    void aGracefulStopWritesPendingStateAndClosesEverySocketWith1001() throws InterruptedException {
        TestServer server = new TestServer(ServerSettings.fromFlags("--save-interval-ms", "60000"));
        try (WsProbe a = server.joined("bye-a"); WsProbe b = server.joined("bye-b")) {
            // A room's first change is written at once; the next waits for the interval's end, a minute away.
            a.send("{\"action\":\"move\",\"data\":{\"first\":\"a\"}}");
            b.send("{\"action\":\"move\",\"data\":{\"first\":\"b\"}}");
            Await.until("both first states written", () -> server.store.load("bye-a").toCompletableFuture().join()
                    .isPresent() && server.store.load("bye-b").toCompletableFuture().join().isPresent());
            a.send("{\"action\":\"move\",\"data\":{\"last\":\"a\"}}");
            b.send("{\"action\":\"move\",\"data\":{\"last\":\"b\"}}");
            a.send("{\"action\":\"echo\"}");
            b.send("{\"action\":\"echo\"}");
            a.await("echo");
            b.await("echo");
            assertThat(server.store.load("bye-a").toCompletableFuture().join()).map(StoredState::json)
                    .contains("{\"first\":\"a\"}");

            server.close();

            assertThat(a.awaitClose()).isEqualTo(1001);
            assertThat(b.awaitClose()).isEqualTo(1001);
            assertThat(server.store.load("bye-a").toCompletableFuture().join()).map(StoredState::json)
                    .contains("{\"last\":\"a\"}");
            assertThat(server.store.load("bye-b").toCompletableFuture().join()).map(StoredState::json)
                    .contains("{\"last\":\"b\"}");
        }
    }
}
