package io.rooms.cluster.redis;

import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.MemberInfo;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages said into one room, one after another, each numbered in its data, by one member through
 * its node's bus, until stopped: which numbers the bus acknowledged, which failed, and when. For the
 * fault tests: what a sender saw while Redis failed under it.
 */
final class Traffic implements AutoCloseable {
    final String room;
    final Set<Long> acked = new ConcurrentSkipListSet<>();
    final Set<Long> failed = new ConcurrentSkipListSet<>();
    /** Why each failed, as Redis or Lettuce said (the first few). */
    final java.util.List<String> why = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    Traffic(Bus bus, String room, MemberInfo from) {
        this.room = room;
        this.thread = new Thread(() -> {
            while (!stopped) {
                long number = next.incrementAndGet();
                try {
                    bus.publish(new BusEvent.Said(room, 0, from.id(), "talkToRoom", Long.toString(number), null, false), null)
                            .toCompletableFuture().get(5, TimeUnit.SECONDS);
                    acked.add(number);
                } catch (Exception e) {
                    failed.add(number);
                    if (why.size() < 5) {
                        why.add(number + ": " + Link.rootMessage(e));
                    }
                }
                try {
                    Thread.sleep(2); // the pace of the traffic: about 400 messages a second
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "traffic-" + room);
        thread.start();
    }

    /** The number the next message will carry. */
    long next() {
        return next.get() + 1;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
    }
}
