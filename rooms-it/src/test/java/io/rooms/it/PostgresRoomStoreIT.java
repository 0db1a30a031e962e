package io.rooms.it;

import io.rooms.store.jdbi.DatabaseExtension;
import io.rooms.store.jdbi.RoomStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract suite on a real PostgreSQL, started from the machine's packages. */
class PostgresRoomStoreIT extends RoomStoreContract {
    @RegisterExtension
    final DatabaseExtension database = DatabaseExtension.postgres();

    @Override
    protected DatabaseExtension database() {
        return database;
    }
}
