package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.server.ServerSettings;
import io.rooms.spi.StoredState;
import io.rooms.store.jdbi.JdbiRoomStore;
import io.rooms.store.jdbi.PostgresServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PostgreSQL goes away mid-run and comes back: the server keeps serving and loses no state. */
class StoreOutageIT {

    @Test
    void theServerKeepsServingDuringAnOutageAndWritesTheLatestStateWhenTheDatabaseIsBack() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String url = postgres.newDatabase();
        try (TestServer server = TestServer.onDatabase(ServerSettings.fromFlags("--db", url, "--save-interval-ms", "100"));
                WsProbe writer = server.joined("outage"); WsProbe reader = server.joined("outage")) {
            writer.send("{\"action\":\"move\",\"data\":{\"v\":1}}");
            reader.await("move");
            Await.until("the first write", () -> server.server.engine().stats().stateSaves() >= 1);

            postgres.stop();
            try {
                for (int i = 2; i <= 5; i++) {
                    writer.send("{\"action\":\"move\",\"data\":{\"v\":" + i + "}}");
                    assertThat(reader.await("move").get("data").get("v").asInt()).isEqualTo(i);
                }
                Await.until("a failed write", () -> server.server.engine().stats().storeFailures() >= 1);
                try (WsProbe newcomer = server.client()) {
                    newcomer.join("outage");
                    writer.await("requestState");
                }
            } finally {
                postgres.start();
            }
            Await.until("the latest state in PostgreSQL",
                    () -> latest(url).map(StoredState::json).filter("{\"v\":5}"::equals).isPresent());
            String metrics = server.get("/metrics").body();
            assertThat(HttpApiIT.metric(metrics, "rooms_store_failures_total")).isGreaterThanOrEqualTo(1);
        }
    }

    private static Optional<StoredState> latest(String url) {
        try (JdbiRoomStore store = JdbiRoomStore.open(url)) {
            return store.load("outage").toCompletableFuture().join();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
