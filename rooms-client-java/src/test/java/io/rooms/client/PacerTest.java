package io.rooms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private long now = 1_000_000_000L;
    private final List<Long> scheduled = new ArrayList<>();
    private final Pacer pacer = new Pacer(10, () -> now, (nanos, task) -> scheduled.add(nanos));
    private final List<String> sent = new ArrayList<>();

    @Test
    void aBurstOfTheRateGoesAtOnceAndTheRestWaitsInOrder() {
        pacer.attach(sent::add);
        for (int i = 1; i <= 25; i++) {
            pacer.send("m" + i);
        }
        assertThat(sent).hasSize(10).endsWith("m10");
        assertThat(pacer.waiting()).isEqualTo(15);
        assertThat(scheduled).as("one drain, when the next token is there").containsExactly(100_000_000L);

        now += 500_000_000L; // half a second: five more
        pacer.drain();
        assertThat(sent).hasSize(15).endsWith("m15");
        now += 1_000_000_000L;
        pacer.drain();
        assertThat(sent).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(sent.get(i)).isEqualTo("m" + (i + 1));
        }
    }

    @Test
    void aVolatileFrameGoesOnlyWhenNothingWaitsAndATokenIsThere() {
        pacer.attach(sent::add);
        assertThat(pacer.sendIfNow("v1")).isTrue();
        for (int i = 0; i < 12; i++) {
            pacer.send("kept");
        }
        assertThat(pacer.sendIfNow("v2")).as("kept frames wait: a volatile one may not overtake them").isFalse();
        now += 10_000_000_000L;
        pacer.drain();
        assertThat(pacer.sendIfNow("v3")).isTrue();
        assertThat(sent).contains("v1", "v3").doesNotContain("v2");
    }

    @Test
    void whatWaitedForASocketThatEndedNeverGoesToTheNext() {
        pacer.attach(sent::add);
        for (int i = 0; i < 15; i++) {
            pacer.send("old");
        }
        pacer.detach();
        pacer.send("while offline");
        List<String> next = new ArrayList<>();
        pacer.attach(next::add);
        now += 10_000_000_000L;
        pacer.drain();
        pacer.send("new");
        assertThat(next).containsExactly("new");
        assertThat(sent).hasSize(10).containsOnly("old");
    }
}
