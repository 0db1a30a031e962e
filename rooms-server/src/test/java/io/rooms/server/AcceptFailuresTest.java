package io.rooms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AcceptFailuresTest {

    @Test
    void aStormOfAcceptFailuresIsOneLineAMinuteWithTheCount() {
        AtomicLong now = new AtomicLong(5);
        AcceptFailures failures = new AcceptFailures(now::get);
        IOException tooMany = new IOException("Too many open files");
        assertThat(failures.failed(tooMany)).contains("Too many open files", "1 failure(s)");
        for (int i = 0; i < 400; i++) {
            now.addAndGet(100_000_000L); // 10 a second, for 40 s
            assertThat(failures.failed(tooMany)).isNull();
        }
        now.addAndGet(AcceptFailures.PERIOD_NANOS);
        assertThat(failures.failed(tooMany)).contains("401 failure(s)");
    }
}
