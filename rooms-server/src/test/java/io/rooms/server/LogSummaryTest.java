package io.rooms.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.ErrorCode;
import io.rooms.EngineStats;
import org.junit.jupiter.api.Test;

class LogSummaryTest {
    /** Counters the test sets by hand. */
    private static final class Counters implements EngineStats {
        @Override
        public long presenceUpdates(boolean coalesced) {
            return 0;
        }

        @Override
        public long recoveries(io.rooms.Recovery outcome) {
            return 0;
        }

        @Override
        public long replayed() {
            return 0;
        }

        @Override
        public long historySize() {
            return 0;
        }

        int connections;
        int rooms;
        long in;
        long out;
        long badJson;

        @Override
        public int connections() {
            return connections;
        }

        @Override
        public int rooms() {
            return rooms;
        }

        @Override
        public long messagesIn() {
            return in;
        }

        @Override
        public long messagesOut() {
            return out;
        }

        @Override
        public long stateSaves() {
            return 0;
        }

        @Override
        public long stateSavesSkipped() {
            return 0;
        }

        @Override
        public long storeFailures() {
            return 0;
        }

        @Override
        public long errors(ErrorCode code) {
            return code == ErrorCode.BAD_JSON ? badJson : 0;
        }

        @Override
        public long clusterFailures() {
            return 0;
        }
    }

    @Test
    void anIdleServerWritesNothingAndABusyOneOneLineWithWhatHappenedSinceTheLast() {
        Counters counters = new Counters();
        LogSummary summary = new LogSummary(counters);
        assertThat(summary.tick()).isEmpty();
        counters.connections = 3;
        counters.rooms = 1;
        counters.in = 120;
        counters.out = 240;
        counters.badJson = 2;
        assertThat(summary.tick()).contains(
                "connections=3 rooms=1; since the last line: messages in=120 out=240 errors=2");
        assertThat(summary.tick()).isEmpty();
        counters.in = 130;
        assertThat(summary.tick()).contains(
                "connections=3 rooms=1; since the last line: messages in=10 out=0 errors=0");
    }
}
