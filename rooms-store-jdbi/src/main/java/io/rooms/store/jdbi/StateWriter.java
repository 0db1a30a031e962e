package io.rooms.store.jdbi;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The single writer: one thread that takes queued writes and commits them in batches, one
 * transaction per batch, and reports them done only once they are durable (on H2, after a
 * checkpoint has written the commit to the file). The queue is bounded; a write that does not fit fails at once, and the
 * core retries it. Thread-safe.
 */
final class StateWriter implements AutoCloseable {
    private static final int MAX_BATCH = 500;

    private record Write(String room, String json, long seq, CompletableFuture<Void> done) {}

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Clock clock;
    private final BlockingQueue<Write> queue;
    private final Thread thread;
    private volatile boolean closing;

    StateWriter(Jdbi jdbi, Dialect dialect, Clock clock, int capacity) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "rooms-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> submit(String room, String json, long seq) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new RejectedExecutionException("the store is closed"));
        } else if (!queue.offer(new Write(room, json, seq, done))) {
            done.completeExceptionally(new RejectedExecutionException("the store's write queue is full"));
        }
        return done;
    }

    private void run() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Write first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Write> batch) {
        try {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            jdbi.useHandle(handle -> {
                handle.useTransaction(transaction -> {
                    PreparedBatch statement = transaction.prepareBatch(dialect.upsert);
                    for (Write write : batch) {
                        statement.bind("room", write.room()).bind("state", write.json()).bind("savedAt", now)
                                .bind("seq", write.seq()).add();
                    }
                    statement.execute();
                });
                if (dialect.afterCommit != null && !JvmExit.started()) {
                    handle.execute(dialect.afterCommit);
                }
            });
            batch.forEach(write -> write.done().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(write -> write.done().completeExceptionally(e));
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
