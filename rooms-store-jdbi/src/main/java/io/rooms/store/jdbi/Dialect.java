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
            + " VALUES (s.room, s.state, s.saved_at, 1, s.seq)",
            // H2's MVStore keeps a commit in memory until its background writer stores it, up to
            // WRITE_DELAY later (and never, with WRITE_DELAY=0, until memory fills): a process killed
            // meanwhile loses commits already reported done. CHECKPOINT writes them to the file now.
            "CHECKPOINT"),
    POSTGRESQL("INSERT INTO room_state (room, state, saved_at, version, seq) VALUES (:room, :state, :savedAt, 1, :seq)"
            + " ON CONFLICT (room) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at,"
            + " version = room_state.version + 1, seq = GREATEST(room_state.seq, EXCLUDED.seq)"
            + " WHERE EXCLUDED.seq = 0 OR EXCLUDED.seq > room_state.seq",
            // A commit is durable once it returns (synchronous_commit, the default).
            null);

    final String upsert;
    /** What makes a committed batch durable, when committing alone does not; or null. */
    final String afterCommit;

    Dialect(String upsert, String afterCommit) {
        this.upsert = upsert;
        this.afterCommit = afterCommit;
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
