package io.rooms.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rooms.spi.RoomStore;
import io.rooms.spi.StoredState;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Room state in a relational database through JDBI: embedded H2 by default, PostgreSQL for
 * deployments, with one schema migrated by Flyway and a HikariCP pool. Writes go through a single
 * batching writer; reads run on two reader threads. Nothing here blocks the caller. Thread-safe.
 *
 * <pre>{@code
 * RoomStore store = JdbiRoomStore.open("jdbc:h2:file:./data/rooms");
 * }</pre>
 */
public final class JdbiRoomStore implements RoomStore {
    private static final int WRITE_QUEUE = 10_000;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final StateWriter writer;
    private final ExecutorService readers;

    private JdbiRoomStore(HikariDataSource dataSource, Dialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.writer = new StateWriter(jdbi, dialect, clock, WRITE_QUEUE);
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "rooms-store-reader-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the database at {@code jdbcUrl}, migrating its schema; fails with a clear message. */
    public static JdbiRoomStore open(String jdbcUrl) {
        return open(jdbcUrl, null, null, Clock.systemUTC());
    }

    /** As {@link #open(String)}, with credentials (or {@code null}s) and the clock for {@code saved_at}. */
    public static JdbiRoomStore open(String jdbcUrl, String user, String password, Clock clock) {
        Dialect dialect = Dialect.of(jdbcUrl);
        String url = dialect == Dialect.H2 ? withH2Defaults(jdbcUrl) : jdbcUrl;
        if (dialect == Dialect.H2) {
            DatabaseUrl.prepareH2Directory(jdbcUrl);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("rooms-store");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database at " + DatabaseUrl.redacted(jdbcUrl) + ": " + rootMessage(e), e);
        }
        try {
            Migrations.apply(dataSource, jdbcUrl);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new JdbiRoomStore(dataSource, dialect, clock);
    }

    /**
     * The server shuts H2 down itself, after writing pending state, so H2's own shutdown hook must
     * not close the database first.
     */
    private static String withH2Defaults(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url : url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Override
    public CompletionStage<Optional<StoredState>> load(String room) {
        return read(() -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT state, saved_at, version FROM room_state WHERE room = :room")
                .bind("room", room)
                .map((rs, ctx) -> new StoredState(rs.getString("state"),
                        rs.getObject("saved_at", OffsetDateTime.class).toInstant(), rs.getLong("version")))
                .findOne()));
    }

    @Override
    public CompletionStage<Void> save(String room, String stateJson) {
        return writer.submit(room, stateJson, 0);
    }

    /** Saves unless the stored state has a higher {@code seq}; see {@link RoomStore#save(String, String, long)}. */
    @Override
    public CompletionStage<Void> save(String room, String stateJson, long seq) {
        return writer.submit(room, stateJson, seq);
    }

    @Override
    public CompletionStage<List<String>> list() {
        return read(() -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT room FROM room_state ORDER BY room").mapTo(String.class).list()));
    }

    @Override
    public CompletionStage<Void> delete(String room) {
        return read(() -> {
            jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM room_state WHERE room = :room")
                    .bind("room", room).execute());
            return null;
        });
    }

    private <T> CompletionStage<T> read(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, readers);
    }

    /** Writes what is queued, then closes the pool; an embedded H2 closes with its last connection. */
    @Override
    public void close() {
        writer.close();
        readers.shutdown();
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
