package io.rooms.internal;

import io.rooms.spi.Bus;
import io.rooms.spi.BusContract;

/** The bus contract on the in-memory bus, the default of a server on its own. */
class MemoryBusTest extends BusContract {
    /** The real clocks; this bus schedules nothing. */
    private static final io.rooms.spi.Scheduler SYSTEM_CLOCK = new io.rooms.spi.Scheduler() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            throw new UnsupportedOperationException("the in-memory bus schedules nothing");
        }
    };

    @Override
    protected Bus newBus() {
        return new MemoryBus("n1", SYSTEM_CLOCK, io.rooms.ResumeSettings.DEFAULTS);
    }

    @Override
    protected int nodes() {
        return 1;
    }
}
