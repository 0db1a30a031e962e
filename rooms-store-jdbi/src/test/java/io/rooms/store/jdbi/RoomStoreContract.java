package io.rooms.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rooms.spi.RoomStore;
import io.rooms.spi.StoredState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every {@link RoomStore} on a real database must do; run on H2 and on PostgreSQL. */
public abstract class RoomStoreContract {

    protected abstract DatabaseExtension database();

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    @Test
    void anUnknownRoomHasNoState() {
        assertThat(await(database().open().load("nobody-here"))).isEmpty();
    }

    @Test
    void aSavedStateIsLoadedWithItsTimeAndVersionOne() {
        Instant now = Instant.parse("2026-11-23T10:15:30Z");
        RoomStore store = database().open(Clock.fixed(now, ZoneOffset.UTC));
        await(store.save("board", "{\"words\":[\"sky\"]}"));
        StoredState state = await(store.load("board")).orElseThrow();
        assertThat(state.json()).isEqualTo("{\"words\":[\"sky\"]}");
        assertThat(state.savedAt()).isEqualTo(now);
        assertThat(state.version()).isEqualTo(1);
    }

    @Test
    void eachSaveReplacesTheStateAndCountsTheVersion() {
        RoomStore store = database().open();
        for (int i = 1; i <= 5; i++) {
            await(store.save("r", "{\"v\":" + i + "}"));
        }
        StoredState state = await(store.load("r")).orElseThrow();
        assertThat(state.json()).isEqualTo("{\"v\":5}");
        assertThat(state.version()).isEqualTo(5);
    }

    @Test
    void anOrderedSaveNeverReplacesANewerState() {
        RoomStore store = database().open();
        await(store.save("r", "{\"v\":20}", 20));
        await(store.save("r", "{\"v\":10}", 10));
        assertThat(await(store.load("r")).map(StoredState::json)).contains("{\"v\":20}");
        await(store.save("r", "{\"v\":30}", 30));
        assertThat(await(store.load("r")).map(StoredState::json)).contains("{\"v\":30}");
        await(store.save("r", "{\"v\":25}", 25));
        StoredState state = await(store.load("r")).orElseThrow();
        assertThat(state.json()).isEqualTo("{\"v\":30}");
        assertThat(state.version()).isEqualTo(2);
    }

    @Test
    void anUnorderedSaveAlwaysReplacesAndKeepsTheOrderForLaterSaves() {
        RoomStore store = database().open();
        await(store.save("r", "{\"v\":\"ordered\"}", 50));
        await(store.save("r", "{\"v\":\"unordered\"}"));
        assertThat(await(store.load("r")).map(StoredState::json)).contains("{\"v\":\"unordered\"}");
        await(store.save("r", "{\"v\":\"older\"}", 40));
        assertThat(await(store.load("r")).map(StoredState::json)).contains("{\"v\":\"unordered\"}");
    }

    @Test
    void stateTextIsKeptExactlyEvenWhenLargeOrUnicode() {
        RoomStore store = database().open();
        String big = "{\"text\":\"" + "ünïcödé ✓ 😀 ".repeat(4000) + "\",\"n\":1.50}";
        await(store.save("big", big));
        assertThat(await(store.load("big")).map(StoredState::json)).contains(big);
    }

    @Test
    void listNamesTheRoomsWithStateAndDeleteForgetsOne() {
        RoomStore store = database().open();
        await(store.save("a", "1"));
        await(store.save("b", "2"));
        assertThat(await(store.list())).containsExactly("a", "b");
        await(store.delete("a"));
        await(store.delete("never-saved"));
        assertThat(await(store.list())).containsExactly("b");
        assertThat(await(store.load("a"))).isEmpty();
    }

    @Test
    void manyConcurrentWritesAllLand() {
        RoomStore store = database().open();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            writes.add(store.save("room-" + (i % 250), "{\"i\":" + i + "}").toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        assertThat(await(store.list())).hasSize(250);
        assertThat(await(store.load("room-7")).map(StoredState::json)).contains("{\"i\":757}");
        assertThat(await(store.load("room-7")).map(StoredState::version)).contains(4L);
    }

    @Test
    void reopeningTheSameDatabaseKeepsTheStateAndMigratesNothing() {
        JdbiRoomStore first = database().open();
        await(first.save("kept", "{\"ok\":true}"));
        database().close(first);
        JdbiRoomStore second = database().open();
        assertThat(await(second.load("kept")).map(StoredState::json)).contains("{\"ok\":true}");
    }

    @Test
    void closingWritesWhatIsQueued() {
        JdbiRoomStore store = database().open();
        for (int i = 0; i < 100; i++) {
            store.save("queued-" + i, String.valueOf(i));
        }
        database().close(store);
        assertThat(await(database().open().list())).hasSize(100);
    }

    @Test
    void aDatabaseWithANewerSchemaIsRefusedWithAClearMessage() throws Exception {
        database().close(database().open());
        try (Connection connection = DriverManager.getConnection(database().url());
                Statement statement = connection.createStatement()) {
            // Flyway quotes its lower-case names, which matters on H2.
            statement.execute("INSERT INTO \"rooms_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"installed_on\", \"execution_time\","
                    + " \"success\") VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'test', CURRENT_TIMESTAMP, 0,"
                    + " TRUE)");
        }
        assertThatThrownBy(() -> database().open())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("newer than this Rooms knows");
    }
}
