package io.rooms.store.jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a fresh, empty database, H2 or PostgreSQL, and closes the stores the test opened.
 * Register it with {@code @RegisterExtension}.
 */
public final class DatabaseExtension implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<String> freshUrl;
    private final List<JdbiRoomStore> opened = new ArrayList<>();
    private String url;

    private DatabaseExtension(Supplier<String> freshUrl) {
        this.freshUrl = freshUrl;
    }

    /** An embedded H2 file database in a new temporary directory. */
    public static DatabaseExtension h2() {
        return new DatabaseExtension(() -> {
            try {
                Path dir = Files.createTempDirectory("rooms-h2-");
                return "jdbc:h2:file:" + dir.resolve("rooms");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** A new database on the JVM's real PostgreSQL server. */
    public static DatabaseExtension postgres() {
        return new DatabaseExtension(() -> PostgresServer.shared().newDatabase());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        url = freshUrl.get();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(JdbiRoomStore::close);
        opened.clear();
    }

    /** The JDBC URL of this test's database. */
    public String url() {
        return url;
    }

    /** Opens a store on this test's database; closed after the test. */
    public JdbiRoomStore open() {
        return open(Clock.systemUTC());
    }

    public JdbiRoomStore open(Clock clock) {
        JdbiRoomStore store = JdbiRoomStore.open(url, null, null, clock);
        opened.add(store);
        return store;
    }

    /** Closes a store before the test ends (to reopen the same database). */
    public void close(JdbiRoomStore store) {
        opened.remove(store);
        store.close();
    }
}
