package io.rooms;

import io.rooms.spi.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A connection's ordered queue of outgoing frames. Frames are offered under a room's lock, which
 * fixes their order, and written after the lock is released, so no lock is held while writing:
 * {@link #drain()} hands the outbox to the flush executor, which hands every queued frame to the
 * connection as one series, so frames that pile up for a busy connection share one write and one
 * report. Tracks the unsent backlog and flags the client as a slow consumer when it passes the
 * limit. Thread-safe: any thread may offer or drain; one thread writes at a time.
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
    private final Executor flusher;
    private final Runnable writeQueued = this::writeQueued; // one, not one per drain
    private final Connection.Sent reports = new Reports();
    private volatile boolean overflowed;
    /** Frames taken from the queue for the next write, and their weight; touched by the one writer only. */
    private final List<String> series = new ArrayList<>();
    private long seriesWeight;
    /** At most this many frames per write, so that a long backlog is released from the count as it goes. */
    private static final int MAX_SERIES = 256;

    /** Makes a client's outbox, wiring its overflow and failure reports back to the engine. */
    @FunctionalInterface
    interface Factory {
        Outbox create(Client client);
    }

    Outbox(Connection connection, long maxBacklogBytes, LongAdder sentCounter, Runnable onOverflow,
            Consumer<Throwable> onSendFailure, Executor flusher) {
        this.connection = connection;
        this.flusher = flusher;
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

    /** Has the queued frames written, in order, on the flush executor; call with no lock held. */
    void drain() {
        if (drainers.getAndIncrement() == 0) {
            flusher.execute(writeQueued);
        }
    }

    private void writeQueued() {
        int missed = 1;
        do {
            for (String frame = queue.poll(); frame != null && !overflowed; frame = queue.poll()) {
                series.add(frame);
                seriesWeight += weight(frame);
                if (series.size() == MAX_SERIES) {
                    writeSeries();
                }
            }
            if (!series.isEmpty()) {
                writeSeries();
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

    /**
     * Hands the series to the connection as one write, with one report for all its frames, tagged
     * with the series' weight: nothing is allocated per write to learn how it went.
     */
    private void writeSeries() {
        connection.send(series, seriesWeight, reports);
        series.clear();
        seriesWeight = 0;
    }

    /** The connection's reports of the outbox's writes; one per outbox. */
    private final class Reports implements Connection.Sent {
        @Override
        public void written(int frames, long weight) {
            backlog.addAndGet(-weight);
            sentCounter.add(frames);
        }

        @Override
        public void failed(long weight, Throwable cause) {
            backlog.addAndGet(-weight);
            onSendFailure.accept(cause);
        }
    }

    /**
     * A frame's weight in the backlog: its length in characters, which is its size in bytes for
     * ASCII and at most a third of it otherwise. O(1), where counting UTF-8 bytes would cost a pass
     * over the frame for every recipient of a broadcast.
     */
    private static long weight(String frame) {
        return frame.length();
    }
}
