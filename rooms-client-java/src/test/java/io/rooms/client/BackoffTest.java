package io.rooms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reconnect waits: the browser client's, 500 ms doubling to 10 s, each between half and all of that. */
class BackoffTest {
    private final Backoff backoff = Backoff.DEFAULT;

    @Test
    void eachWaitDoublesUpToTheCapAndIsDrawnBetweenHalfAndAllOfIt() {
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 10_000, 10_000};
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            assertThat(backoff.delay(attempt, () -> 0.0)).as("attempt %d, lowest", attempt)
                    .isEqualTo(Duration.ofMillis(ceilings[attempt] / 2));
            assertThat(backoff.delay(attempt, () -> 0.999_999).toMillis()).as("attempt %d, highest", attempt)
                    .isBetween(ceilings[attempt] - 1, ceilings[attempt]);
        }
        assertThat(backoff.delay(1_000, () -> 0.5).toMillis()).as("never past the cap").isLessThanOrEqualTo(10_000);
    }

    @Test
    void aBackoffThatCannotWaitIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
