package io.rooms.internal;

import io.rooms.spi.Connection;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A connection's ordered queue of outgoing frames. Frames are offered under a room's lock, which
 * fixes their order, and {@link #drain() drained} to the socket after the lock is released, so no
 * lock is held while writing. Tracks the unsent backlog and flags the client as a slow consumer
 * when it passes the limit. Thread-safe: any thread may offer or drain; one drains at a time.
 */
final class Outbox {
    private final Connection connection;
    private final long maxBacklogBytes;
    private final LongAdder sentCounter;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    private final AtomicLong backlog = new AtomicLong();
    private final Runnable onOverflow;
    private final Consumer<Throwable> onSendFailure;
    private volatile boolean overflowed;

    /** Makes a client's outbox, wiring its overflow and failure reports back to the engine. */
    @FunctionalInterface
    interface Factory {
        Outbox create(Client client);
    }

    Outbox(Connection connection, long maxBacklogBytes, LongAdder sentCounter, Runnable onOverflow,
            Consumer<Throwable> onSendFailure) {
        this.connection = connection;
        this.maxBacklogBytes = maxBacklogBytes;
        this.sentCounter = sentCounter;
        this.onOverflow = onOverflow;
        this.onSendFailure = onSendFailure;
    }

    /** Queues a frame; never blocks. Past the backlog limit the frame is dropped and the outbox flagged. */
    void offer(String frame) {
        if (overflowed) {
            return;
        }
        if (backlog.addAndGet(weight(frame)) > maxBacklogBytes) {
            overflowed = true;
            queue.clear();
            return;
        }
        queue.offer(frame);
    }

    /** Hands queued frames to the connection in order; call with no lock held. */
    void drain() {
        if (drainers.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            String frame;
            while (!overflowed && (frame = queue.poll()) != null) {
                write(frame);
            }
            missed = drainers.addAndGet(-missed);
        } while (missed != 0);
        if (overflowed) {
            onOverflow.run();
        }
    }

    /** Bytes handed over or queued but not yet written. */
    long backlog() {
        return backlog.get();
    }

    private void write(String frame) {
        long weight = weight(frame);
        connection.send(frame).whenComplete((ignored, failure) -> {
            backlog.addAndGet(-weight);
            if (failure == null) {
                sentCounter.increment();
            } else {
                onSendFailure.accept(failure);
            }
        });
    }

    /** A frame's size on the wire; exact for ASCII, computed exactly only when it might matter. */
    private static long weight(String frame) {
        int length = frame.length();
        return length < 256 ? length : frame.getBytes(StandardCharsets.UTF_8).length;
    }
}
