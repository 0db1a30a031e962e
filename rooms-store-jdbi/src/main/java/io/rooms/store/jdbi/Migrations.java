package io.rooms.store.jdbi;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Brings the schema up to date with Flyway's versioned migrations ({@code db/rooms/V*.sql}), and
 * refuses a database whose schema is newer than this code knows.
 */
final class Migrations {
    private Migrations() {}

    static void apply(DataSource dataSource, String url) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/rooms")
                .table("rooms_schema_history")
                .ignoreMigrationPatterns("")
                .load();
        try {
            MigrationInfoService info = flyway.info();
            MigrationInfo current = info.current();
            MigrationInfo[] known = info.all();
            MigrationInfo newestKnown = null;
            for (MigrationInfo migration : known) {
                if (migration.getState().isResolved()) {
                    newestKnown = migration;
                }
            }
            if (current != null && newestKnown != null && current.getVersion().isNewerThan(newestKnown.getVersion())) {
                throw new StoreException("the database at " + DatabaseUrl.redacted(url) + " has schema version " + current.getVersion()
                        + ", newer than this Rooms knows (" + newestKnown.getVersion() + "): upgrade Rooms");
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database at " + DatabaseUrl.redacted(url) + ": " + e.getMessage(), e);
        }
    }
}
