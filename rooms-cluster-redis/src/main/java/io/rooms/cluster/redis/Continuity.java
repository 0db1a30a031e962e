package io.rooms.cluster.redis;

import io.rooms.spi.BusEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each room's stream whole on this node although Redis pub/sub delivers at most once: a
 * subscription lost and made again (a reconnect, a shard's master dying, a slot moving) can miss
 * events, and one made twice can repeat them. Each room-wide event's number is one more than the
 * last; so an event past the next number means some were missed, and they are read from the room's
 * history (held in order meanwhile, with the events for one member behind them), and an event at or
 * below the last is a repeat and is dropped. Events the history no longer holds are reported and
 * skipped. Not thread-safe: used on the bus's event thread only, and the history's answer is handed
 * back to that thread.
 */
final class Continuity {
    private static final Logger log = LoggerFactory.getLogger(Continuity.class);

    private static final int ATTEMPTS = 10;
    private static final long RETRY_MILLIS = 100;

    private final BiFunction<String, Long, CompletionStage<Optional<List<BusEvent>>>> history;
    private final Consumer<Runnable> eventThread;
    private final Consumer<BusEvent> deliver;
    private final Map<String, Cursor> cursors = new HashMap<>();
    private long missed;
    private long repeated;

    /** A room's place in its stream: the last number delivered, and what waits while a gap is read. */
    private static final class Cursor {
        long last;
        ArrayDeque<BusEvent> held; // non-null while a gap is being read

        Cursor(long last) {
            this.last = last;
        }
    }

    /**
     * @param history a room's events after a number, when it still holds all of them
     * @param eventThread runs a task on the bus's event thread
     * @param deliver gets each event, in order, on the event thread
     */
    Continuity(BiFunction<String, Long, CompletionStage<Optional<List<BusEvent>>>> history,
            Consumer<Runnable> eventThread, Consumer<BusEvent> deliver) {
        this.history = history;
        this.eventThread = eventThread;
        this.deliver = deliver;
    }

    /** One event off a room's channel. */
    void accept(BusEvent event) {
        Cursor cursor = cursors.get(event.room());
        if (cursor != null && cursor.held != null) {
            cursor.held.add(event);
            return;
        }
        long seq = BusEvent.roomSeq(event);
        if (seq < 0) {
            deliver.accept(event); // for one member: numbered at the room's latest, not one more
            return;
        }
        if (cursor == null) {
            cursors.put(event.room(), new Cursor(seq));
            deliver.accept(event);
        } else if (seq <= cursor.last) {
            repeated++;
        } else if (seq == cursor.last + 1) {
            cursor.last = seq;
            deliver.accept(event);
        } else {
            cursor.held = new ArrayDeque<>();
            cursor.held.add(event);
            fill(event.room(), cursor);
        }
    }

    /** The room is no longer heard here: its place is forgotten. */
    void forget(String room) {
        cursors.remove(room);
    }

    /** Events read from the history to fill gaps, and repeats dropped. */
    long missed() {
        return missed;
    }

    long repeated() {
        return repeated;
    }

    private void fill(String room, Cursor cursor) {
        fill(room, cursor, 1);
    }

    /**
     * Reads the gap from the history; a history that does not hold it yet is read again, up to
     * {@value #ATTEMPTS} times {@value #RETRY_MILLIS} ms apart, since while the room's slot moves
     * between shards, or its shard fails over, a read can briefly meet a shard that lacks it.
     */
    private void fill(String room, Cursor cursor, int attempt) {
        long from = cursor.last;
        history.apply(room, from).whenComplete((found, failure) -> eventThread.accept(() -> {
            if (cursors.get(room) != cursor) {
                return; // forgotten meanwhile
            }
            if ((failure != null || found.isEmpty()) && attempt < ATTEMPTS) {
                java.util.concurrent.CompletableFuture.delayedExecutor(RETRY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS,
                        eventThread::accept).execute(() -> {
                            if (cursors.get(room) == cursor) {
                                fill(room, cursor, attempt + 1);
                            }
                        });
                return;
            }
            if (failure != null || found.isEmpty()) {
                log.warn("room {} missed events after {} that its history no longer holds{}", room, from,
                        failure == null ? "" : " (" + failure + ")");
            } else {
                int read = 0;
                for (BusEvent event : found.get()) {
                    long seq = BusEvent.roomSeq(event);
                    if (seq > cursor.last) {
                        cursor.last = seq;
                        missed++;
                        read++;
                        deliver.accept(event);
                    }
                }
                log.info("room {} missed {} event(s) after {} on its channel: read from its history", room, read, from);
            }
            ArrayDeque<BusEvent> held = cursor.held;
            cursor.held = null;
            for (BusEvent event : held) {
                long seq = BusEvent.roomSeq(event);
                if (seq < 0) {
                    deliver.accept(event);
                } else if (seq <= cursor.last) {
                    repeated++;
                } else {
                    cursor.last = seq; // past what the history held: delivered as it is, the rest is gone
                    deliver.accept(event);
                }
            }
        }));
    }
}
