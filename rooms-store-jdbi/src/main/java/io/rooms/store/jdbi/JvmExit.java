package io.rooms.store.jdbi;

/**
 * Whether the JVM has begun to exit. While it exits (SIGTERM, say), an H2 {@code CHECKPOINT} can wait
 * for the store's background writer indefinitely, and would hold up the graceful stop that writes the
 * last states; those writes are committed without it, and closing the database, the last step of
 * the stop, writes them to the file. Thread-safe.
 */
final class JvmExit {
    private static volatile boolean started;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started = true, "rooms-store-exit"));
        } catch (IllegalStateException alreadyExiting) {
            started = true;
        }
    }

    private JvmExit() {}

    static boolean started() {
        return started;
    }
}
