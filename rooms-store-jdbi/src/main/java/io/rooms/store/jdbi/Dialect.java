package io.rooms.store.jdbi;

/**
 * The few statements that differ between the supported databases. Same schema on both. The upsert
 * keeps a stored state whose {@code seq} is higher than the one offered (unless that one is 0).
 */
enum Dialect {
    H2("MERGE INTO room_state t USING (VALUES (CAST(:room AS VARCHAR(64)), CAST(:state AS VARCHAR),"
            + " CAST(:savedAt AS TIMESTAMP WITH TIME ZONE), CAST(:seq AS BIGINT))) s(room, state, saved_at, seq)"
            + " ON t.room = s.room"
            + " WHEN MATCHED AND (s.seq = 0 OR s.seq > t.seq) THEN UPDATE SET state = s.state, saved_at = s.saved_at,"
            + " version = t.version + 1, seq = GREATEST(t.seq, s.seq)"
            + " WHEN NOT MATCHED THEN INSERT (room, state, saved_at, version, seq)"
            + " VALUES (s.room, s.state, s.saved_at, 1, s.seq)"),
    POSTGRESQL("INSERT INTO room_state (room, state, saved_at, version, seq) VALUES (:room, :state, :savedAt, 1, :seq)"
            + " ON CONFLICT (room) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at,"
            + " version = room_state.version + 1, seq = GREATEST(room_state.seq, EXCLUDED.seq)"
            + " WHERE EXCLUDED.seq = 0 OR EXCLUDED.seq > room_state.seq");

    final String upsert;

    Dialect(String upsert) {
        this.upsert = upsert;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported database URL '" + jdbcUrl + "': use jdbc:h2: or jdbc:postgresql:");
    }
}
