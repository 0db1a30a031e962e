package io.rooms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void slowDeliveriesShowInTheSlotOfTheirSendTime() {
        Timeline timeline = new Timeline(50, 200);
        ConcurrentHistogram whole = new ConcurrentHistogram(3);
        for (int i = 0; i < 100; i++) {
            record(timeline, whole, 10 * MS, 300);
            record(timeline, whole, 120 * MS, i < 90 ? 300 : 2_000);
        }
        record(timeline, whole, 250 * MS, 5); // past the window: in the ladder only
        record(timeline, whole, -MS, 5); // before it

        String printed = print(timeline, whole);

        assertThat(printed.lines()).containsSequence(
                "timeline: slot_ms deliveries p50_us p99_us max_us", "0 100 300 300 300", "100 100 300 2000 2000");
        assertThat(printed.lines().filter(line -> line.startsWith("50 ") || line.startsWith("150 "))).isEmpty();
        assertThat(printed).contains("latency ladder (us): p50.0 300 p90.0 300 p95.0 300 p99.0 2000");
    }

    private static void record(Timeline timeline, ConcurrentHistogram whole, long sentAfterStart, long micros) {
        timeline.record(sentAfterStart, micros);
        whole.recordValue(micros);
    }

    private static String print(Timeline timeline, ConcurrentHistogram whole) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        timeline.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), whole);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
