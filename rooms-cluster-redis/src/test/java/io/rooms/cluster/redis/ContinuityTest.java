package io.rooms.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.BusEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A room's stream stays whole on a node whose subscription missed or repeated events. */
class ContinuityTest {
    private final List<BusEvent> delivered = new ArrayList<>();
    private final List<Long> asked = new ArrayList<>();
    private CompletableFuture<Optional<List<BusEvent>>> answer = new CompletableFuture<>();
    private final Continuity continuity = new Continuity((room, after) -> {
        asked.add(after);
        return answer;
    }, Runnable::run, delivered::add);

    private static BusEvent said(long seq) {
        return new BusEvent.Said("r", seq, "n1-a", "talkToRoom", Long.toString(seq), null, false);
    }

    private static BusEvent toOne(long seq) {
        return new BusEvent.Said("r", seq, "n1-a", "talkTo", "\"psst\"", "n2-b", false);
    }

    @Test
    void eventsMissedBetweenTwoAreReadFromTheHistoryAndEverythingBehindThemWaitsInOrder() {
        continuity.accept(said(10));
        continuity.accept(said(11));
        continuity.accept(said(14)); // 12 and 13 missed
        continuity.accept(toOne(14));
        continuity.accept(said(15));
        assertThat(asked).containsExactly(11L);
        assertThat(delivered).containsExactly(said(10), said(11));

        answer.complete(Optional.of(List.of(said(12), said(13), said(14))));
        assertThat(delivered).containsExactly(said(10), said(11), said(12), said(13), said(14), toOne(14), said(15));
        assertThat(continuity.missed()).isEqualTo(2 + 1); // 14 came from the history first
        assertThat(continuity.repeated()).isEqualTo(1); // and its live copy was dropped
    }

    @Test
    void aRepeatedEventIsDroppedAndAnEventForOneMemberIsNeverTakenForOne() {
        continuity.accept(said(10));
        continuity.accept(said(10));
        continuity.accept(toOne(10));
        continuity.accept(said(11));
        assertThat(delivered).containsExactly(said(10), toOne(10), said(11));
        assertThat(asked).isEmpty();
    }

    @Test
    void aHistoryThatLacksTheGapAtFirstIsReadAgainAndTheStreamWaitsMeanwhile() {
        List<CompletableFuture<Optional<List<BusEvent>>>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<BusEvent> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        Continuity slow = new Continuity((room, after) -> {
            CompletableFuture<Optional<List<BusEvent>>> next = new CompletableFuture<>();
            answers.add(next);
            return next;
        }, Runnable::run, got::add);
        slow.accept(said(10));
        slow.accept(said(13));
        answers.get(0).complete(Optional.empty()); // a shard that lacks it, for now
        slow.accept(said(14));
        assertThat(got).containsExactly(said(10));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (answers.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the second read is scheduled 100 ms later
        }
        assertThat(answers).hasSize(2);
        answers.get(1).complete(Optional.of(List.of(said(11), said(12), said(13))));
        assertThat(got).containsExactly(said(10), said(11), said(12), said(13), said(14));
    }

    @Test
    void whenTheHistoryNeverHoldsTheGapTheStreamGoesOnFromWhatArrived() {
        List<BusEvent> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Continuity gone = new Continuity((room, after) -> {
            reads.incrementAndGet();
            return CompletableFuture.completedFuture(Optional.empty());
        }, Runnable::run, got::add);
        gone.accept(said(10));
        gone.accept(said(20));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // ten reads, 100 ms apart
        }
        gone.accept(said(21));
        assertThat(got).containsExactly(said(10), said(20), said(21));
        assertThat(reads.get()).isEqualTo(10);
    }

    @Test
    void aRoomForgottenAndHeardAgainStartsFromItsFirstEvent() {
        continuity.accept(said(10));
        continuity.forget("r");
        continuity.accept(said(5));
        assertThat(delivered).containsExactly(said(10), said(5));
    }
}
