package io.rooms;

import io.rooms.spi.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A scheduler on a fake clock: tasks run, in time order, on the thread that advances the clock. */
final class FakeScheduler implements Scheduler {
    private record Task(long due, long seq, Runnable action, boolean[] cancelled) {}

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    static final Instant EPOCH = Instant.parse("2026-11-23T12:00:00Z");
    private long now = 1_000_000_000L;
    private long seq;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** The wall clock moves with the fake one, from a fixed instant. */
    @Override
    public synchronized Instant wallTime() {
        return EPOCH.plusNanos(now);
    }

    @Override
    public synchronized Cancellable schedule(long delayNanos, Runnable action) {
        boolean[] cancelled = new boolean[1];
        tasks.add(new Task(now + Math.max(0, delayNanos), seq++, action, cancelled));
        return () -> {
            synchronized (this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves the clock forward, running each task that falls due on the way. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.due);
                if (next.cancelled[0]) {
                    continue;
                }
            }
            next.action.run();
        }
    }

    synchronized int pendingTasks() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
}
