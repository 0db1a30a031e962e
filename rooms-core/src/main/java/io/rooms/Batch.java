package io.rooms;

import java.util.Arrays;

/**
 * The frames a locked section queues, remembered so that their outboxes can be drained once the
 * lock is released. Not thread-safe: one per operation.
 */
final class Batch {
    private Client[] touched = new Client[16]; // a room of 10 or so fits without growing
    private int count;

    void send(Client client, String frame) {
        client.outbox().offer(frame);
        if (count > 0 && touched[count - 1] == client) {
            return;
        }
        if (count == touched.length) {
            touched = Arrays.copyOf(touched, count * 2);
        }
        touched[count++] = client;
    }

    /** Writes what was queued; call with no lock held. */
    void flush() {
        for (int i = 0; i < count; i++) {
            touched[i].outbox().drain();
        }
        count = 0;
    }
}
