package io.rooms.cluster.redis;

import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order given, on a thread of {@code executor}: the tasks that
 * pile up while one runs are run by the same hand-off, so a burst of events costs one wake-up of
 * the thread, not one each. Thread-safe.
 */
final class Serial implements Executor {
    private static final Logger log = LoggerFactory.getLogger(Serial.class);

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    Serial(Executor executor) {
        this.executor = executor;
    }

    /** Completes on this executor's thread, never on the thread that completed {@code stage}. */
    <T> CompletionStage<T> hop(CompletionStage<T> stage) {
        return stage.whenCompleteAsync((value, failure) -> { }, this);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    /** Runs what is queued until no task is left uncounted; {@code pending} counts tasks given, not yet run. */
    private void drain() {
        while (true) {
            int done = 0;
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("a bus task failed", e);
                }
                done++;
            }
            if (pending.addAndGet(-done) == 0) {
                return;
            }
        }
    }
}
