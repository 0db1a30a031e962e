package io.rooms.it;

import io.rooms.store.jdbi.JdbiRoomStore;

/**
 * A process that saves {@code {"n":1}}, {@code {"n":2}}, ... as one room's state through the real
 * store, one after the other, and prints {@code saved N} once each save has completed: what the
 * engine takes as done. {@link StoreDurabilityIT} kills it with SIGKILL at some line.
 */
public final class SaveAndReport {
    private SaveAndReport() {}

    public static void main(String[] args) {
        JdbiRoomStore store = JdbiRoomStore.open(args[0]);
        for (long n = 1; ; n++) {
            store.save("durable", "{\"n\":" + n + "}").toCompletableFuture().join();
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
