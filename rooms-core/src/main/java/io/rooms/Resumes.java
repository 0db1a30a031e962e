package io.rooms;

import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Session;
import io.rooms.spi.SessionStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code newClient} with {@code resume}: the session is looked up on the bus, checked (same
 * room, same user, within the window, and the room still holds every message after the client's
 * {@code seq}), and then the client becomes that member again, with its id, name and color, and
 * gets exactly what it missed. Anything short of that is an ordinary join: never a partial replay.
 * Thread-safe.
 */
final class Resumes {
    private static final Logger log = LoggerFactory.getLogger(Resumes.class);
    /** What {@link SessionTracker} gives out: 16 random bytes, base64url. */
    private static final java.util.regex.Pattern SESSION_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{22}");

    /** A resume that can be done: the session, the number the client saw last, and what came after it. */
    record Resumed(String session, long lastSeen, List<BusEvent> missed) {}

    private final ClientRegistry clients;
    private final Counters counters;
    private final Bus bus;
    private final SessionStore store;
    private final SessionTracker sessions;
    private final io.rooms.spi.Scheduler scheduler;
    /** How long a resume waits for another node to let the session go: its node's time-out and a second. */
    private final long takeOverNanos;
    private static final long POLL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

    Resumes(ClientRegistry clients, Counters counters, Bus bus, SessionStore store, SessionTracker sessions,
            io.rooms.spi.Scheduler scheduler, java.time.Duration takeOver) {
        this.clients = clients;
        this.counters = counters;
        this.scheduler = scheduler;
        this.takeOverNanos = takeOver.toNanos();
        this.bus = bus;
        this.store = store;
        this.sessions = sessions;
    }

    /**
     * Looks up and checks the session {@code ask} names; completes with what to replay, the client
     * then being that member again, or with null for an ordinary join. Never fails.
     */
    CompletionStage<Resumed> resume(Client client, Room room, Message.Resume ask) {
        if (!SESSION_ID.matcher(ask.session()).matches()) {
            counters.recovery(Recovery.UNKNOWN_SESSION);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Resumed> outcome = new CompletableFuture<>();
        room.subscribed
                .thenCompose(subscribed -> read(ask.session(), room.name))
                .thenCompose(found -> check(found, client, room.name, ask, false))
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        afresh(client, failure);
                        outcome.complete(null);
                    } else if (session == null) {
                        outcome.complete(null);
                    } else {
                        becomeMemberAgain(client, session.session, ask, session.missed, outcome);
                    }
                });
        return outcome;
    }

    private record Checked(Session session, List<BusEvent> missed) {}

    /** Session {@code id} as the bus has it, once another node holding it live has let it go (or the wait ran out). */
    private CompletionStage<Optional<Session>> read(String id, String room) {
        return store.find(id).thenCompose(found -> endedElsewhere(found, room, scheduler.nanoTime() + takeOverNanos, true));
    }

    /**
     * A session still live on another node (its connection's loss not yet seen there, or that node
     * dead and not yet noticed): that node is asked to let it go, and the session is read again
     * until it has ended, at most until {@code deadline}. Anything else is returned as it is.
     */
    private CompletionStage<Optional<Session>> endedElsewhere(Optional<Session> found, String room, long deadline,
            boolean ask) {
        if (found.isEmpty() || found.get().endedAt() != null || !found.get().rooms().contains(room)
                || clients.isLocal(found.get().member().id())) {
            return CompletableFuture.completedFuture(found);
        }
        if (ask) {
            bus.send(new BusEvent.Replaced(room, found.get().member().id()));
        }
        if (scheduler.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(found);
        }
        CompletableFuture<Optional<Session>> again = new CompletableFuture<>();
        scheduler.schedule(POLL_NANOS, () -> store.find(found.get().id())
                .thenCompose(next -> endedElsewhere(next, room, deadline, false))
                .whenComplete((next, failure) -> {
                    if (failure != null) {
                        again.completeExceptionally(failure);
                    } else {
                        again.complete(next);
                    }
                }));
        return again;
    }

    /**
     * The session and what the client missed, or null (after counting why) when it cannot be resumed.
     * {@code again}: the session was already read a second time, after its connection was found gone.
     */
    private CompletionStage<Checked> check(Optional<Session> found, Client client, String room, Message.Resume ask,
            boolean again) {
        Recovery refused = null;
        if (found.isEmpty() || !found.get().rooms().contains(room)
                || !Objects.equals(found.get().member().user(), client.identity.user())) {
            refused = Recovery.UNKNOWN_SESSION;
        } else if (sessions.isExpired(found.get())) {
            refused = Recovery.EXPIRED;
        } else if (found.get().id().equals(client.session)) {
            // This connection resumed the session already, for another of its rooms: nothing to take over.
        } else if (client.session != null) {
            refused = Recovery.UNKNOWN_SESSION; // the connection has a session of its own: not two at once
        } else if (found.get().endedAt() == null && !clients.takeOver(found.get().member().id())) {
            if (!again) {
                // Read as live while its connection was still here, gone by now: its end was recorded
                // before it left, so read it again (a read, not the stale one: on one node nothing is
                // polled), and until it has ended if that record is still on its way to the bus.
                return read(found.get().id(), room).thenCompose(next -> check(next, client, room, ask, true));
            }
            refused = Recovery.UNKNOWN_SESSION; // alive on another node: not this node's to take
        }
        if (refused != null) {
            counters.recovery(refused);
            return CompletableFuture.completedFuture(null);
        }
        Session session = found.get();
        return bus.since(room, ask.seq()).thenApply(missed -> {
            if (missed.isEmpty()) {
                counters.recovery(Recovery.TOO_FAR_BEHIND);
                return null;
            }
            return new Checked(session, missed.get());
        });
    }

    /** The bus failed on the way: an ordinary join instead. */
    private static void afresh(Client client, Throwable failure) {
        log.debug("client {} could not resume (the bus failed: {}); joining afresh", client.id, failure.toString());
    }

    private void becomeMemberAgain(Client client, Session session, Message.Resume ask, List<BusEvent> missed,
            CompletableFuture<Resumed> outcome) {
        if (client.isGone()) {
            outcome.complete(null); // it leaves at once; nothing to replay
            return;
        }
        if (session.id().equals(client.session)) {
            counters.recovery(Recovery.RECOVERED); // a further room of a session this connection resumed
            outcome.complete(new Resumed(session.id(), ask.seq(), missed));
            return;
        }
        sessions.refsOf(session.id()).whenComplete((refs, failure) -> {
            if (failure != null) {
                afresh(client, failure);
                outcome.complete(null);
                return;
            }
            sessions.resuming(client, session);
            clients.rename(client, session.member().id());
            client.name = session.member().name();
            client.color = session.member().color();
            client.refs = refs;
            counters.recovery(Recovery.RECOVERED);
            outcome.complete(new Resumed(session.id(), ask.seq(), missed));
        });
    }

    /**
     * Queues for a resumed member what it missed, but its own messages and its own comings and
     * goings; returns the number it is caught up to.
     */
    long replay(Client client, Resumed resumed, Batch batch) {
        long last = resumed.lastSeen();
        int sent = 0;
        for (BusEvent event : resumed.missed()) {
            last = Math.max(last, BusEvent.roomSeq(event));
            if (!client.id.equals(fromOf(event))) {
                batch.send(client, ServerFrames.of(event));
                sent++;
            }
        }
        counters.replayed.add(sent);
        return last;
    }

    private static String fromOf(BusEvent event) {
        if (event instanceof BusEvent.Joined joined) {
            return joined.member().id();
        }
        if (event instanceof BusEvent.Left left) {
            return left.member();
        }
        if (event instanceof BusEvent.Updated updated) {
            return updated.member();
        }
        return ((BusEvent.Said) event).from();
    }
}
