package io.rooms.internal;

import io.rooms.spi.Bus;
import io.rooms.spi.BusContract;

/** The bus contract on the in-memory bus, the default of a server on its own. */
class MemoryBusTest extends BusContract {
    @Override
    protected Bus newBus() {
        return new MemoryBus("n1");
    }

    @Override
    protected int nodes() {
        return 1;
    }
}
