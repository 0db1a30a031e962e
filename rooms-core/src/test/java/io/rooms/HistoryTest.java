package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.BusEvent;
import io.rooms.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static final long FIRST = 1_000;
    private long now;
    private final Scheduler clock = new Scheduler() {
        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            throw new UnsupportedOperationException("a history schedules nothing");
        }
    };
    private final List<BusEvent> appended = new ArrayList<>();

    @Test
    void givesBackTheEventsAfterANumberAsTheyWereAppended() {
        History history = history(new ResumeSettings(100, 1 << 20, Duration.ofMinutes(2)));
        say(history, "a-1", "talkToRoom", "{\"text\":\"hi\"}");
        say(history, "a-2", "draw", null);
        history.append(seq -> keep(new BusEvent.Joined("r", seq, new MemberInfo("a-3", "Ann", "#123456", "ann"))));
        say(history, "a-3", "talkToRoom", "{\"text\":\"żółć 🎲 ok\"}");
        say(history, "a-3", "\ud800lone", "{\"text\":\"\udc00\"}"); // no UTF-8 for these: kept as they are
        history.append(seq -> keep(new BusEvent.Left("r", seq, "a-1")));

        assertThat(history.since(FIRST)).contains(appended);
        assertThat(history.since(FIRST + 3)).contains(appended.subList(3, 6));
        assertThat(history.since(FIRST + 6)).contains(List.of());
        assertThat(history.since(FIRST + 7)).isEmpty();
    }

    @Test
    void keepsTheLatestWithinTheCountAndTheBytesWhileItsRingsWrapAndGrow() {
        SplittableRandom random = new SplittableRandom(18);
        for (ResumeSettings settings : List.of(new ResumeSettings(7, 1 << 20, Duration.ofMinutes(2)),
                new ResumeSettings(1_000, 1_500, Duration.ofMinutes(2)),
                new ResumeSettings(40, 5_000, Duration.ofMinutes(2)))) {
            appended.clear();
            History history = history(settings);
            for (int i = 0; i < 600; i++) {
                if (random.nextInt(10) == 0) {
                    history.append(seq -> keep(new BusEvent.Left("r", seq, "a-" + seq)));
                } else {
                    String padding = "é🎲x".repeat(random.nextInt(1 + i / 5)); // longer as it goes: the ring grows
                    say(history, "a-" + random.nextInt(50), "talkToRoom",
                            random.nextInt(8) == 0 ? null : "{\"p\":\"" + padding + "\"}");
                }
                long last = FIRST + appended.size();
                List<BusEvent> kept = history.since(FIRST).isPresent() ? appended : keptOf(history, last);
                assertThat(kept.size()).isLessThanOrEqualTo(settings.historySize()).isPositive();
                assertThat(history.size()).isEqualTo(kept.size());
                assertThat(kept.get(kept.size() - 1)).isEqualTo(appended.get(appended.size() - 1));
                long oldest = last - kept.size();
                assertThat(history.since(oldest)).contains(appended.subList((int) (oldest - FIRST), appended.size()));
                assertThat(history.since(oldest - 1)).as("one more than it keeps").isEmpty();
            }
        }
    }

    @Test
    void anEventLargerThanTheBytesIsNotKeptAndAResumeFromBeforeItFails() {
        History history = history(new ResumeSettings(100, 200, Duration.ofMinutes(2)));
        say(history, "a-1", "talkToRoom", "{}");
        say(history, "a-1", "talkToRoom", "\"" + "x".repeat(300) + "\"");

        assertThat(history.since(FIRST)).isEmpty();
        assertThat(history.since(FIRST + 1)).isEmpty();
        assertThat(history.since(FIRST + 2)).contains(List.of());
        say(history, "a-1", "talkToRoom", "{}");
        assertThat(history.since(FIRST + 2)).contains(appended.subList(2, 3));
    }

    @Test
    void forgetsWhatIsOlderThanTheWindow() {
        History history = history(new ResumeSettings(100, 1 << 20, Duration.ofSeconds(10)));
        say(history, "a-1", "talkToRoom", "{}");
        now += Duration.ofSeconds(6).toNanos();
        say(history, "a-1", "talkToRoom", "{}");
        now += Duration.ofSeconds(6).toNanos();

        assertThat(history.since(FIRST)).isEmpty();
        assertThat(history.since(FIRST + 1)).contains(appended.subList(1, 2));
        assertThat(history.isStale()).isFalse();
        now += Duration.ofSeconds(5).toNanos();
        assertThat(history.isStale()).isTrue();
        assertThat(history.since(FIRST + 1)).isEmpty();
        assertThat(history.size()).isZero();
        assertThat(history.since(FIRST + 2)).as("nothing missed").contains(List.of());
    }

    private History history(ResumeSettings settings) {
        return new History("r", settings, clock, FIRST);
    }

    private void say(History history, String from, String action, String data) {
        history.append(seq -> keep(new BusEvent.Said("r", seq, from, action, data, null, false)));
    }

    private <E extends BusEvent> E keep(E event) {
        appended.add(event);
        return event;
    }

    /** What the history keeps, found by asking it from the latest back. */
    private static List<BusEvent> keptOf(History history, long last) {
        List<BusEvent> kept = List.of();
        for (long after = last - 1; ; after--) {
            Optional<List<BusEvent>> since = history.since(after);
            if (since.isEmpty()) {
                return kept;
            }
            kept = since.get();
        }
    }
}
