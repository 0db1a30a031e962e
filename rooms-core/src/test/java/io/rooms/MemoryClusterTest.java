package io.rooms;

import io.rooms.spi.BusContract;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterViewContract;
import io.rooms.spi.PresenceContract;
import io.rooms.spi.Scheduler;
import io.rooms.spi.SessionStoreContract;
import org.junit.jupiter.api.Nested;

/** The cluster contract suites on the in-memory cluster, the default of an engine on its own. */
class MemoryClusterTest {
    /** The real clocks; this cluster schedules nothing. */
    private static final Scheduler SYSTEM_CLOCK = new Scheduler() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            throw new UnsupportedOperationException("the in-memory cluster schedules nothing");
        }
    };

    private static Cluster newMemoryCluster() {
        return new MemoryCluster("n1", SYSTEM_CLOCK, ResumeSettings.DEFAULTS);
    }

    @Nested
    class Bus extends BusContract {
        @Override
        protected Cluster newCluster() {
            return newMemoryCluster();
        }

        @Override
        protected int nodes() {
            return 1;
        }
    }

    @Nested
    class Presence extends PresenceContract {
        @Override
        protected Cluster newCluster() {
            return newMemoryCluster();
        }

        @Override
        protected int nodes() {
            return 1;
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected Cluster newCluster() {
            return newMemoryCluster();
        }

        @Override
        protected int nodes() {
            return 1;
        }
    }

    @Nested
    class View extends ClusterViewContract {
        @Override
        protected Cluster newCluster() {
            return newMemoryCluster();
        }

        @Override
        protected int nodes() {
            return 1;
        }
    }
}
