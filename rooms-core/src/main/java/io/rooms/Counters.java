package io.rooms;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** The engine's counters. Thread-safe. */
final class Counters implements EngineStats {
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder saves = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder storeFailures = new LongAdder();
    final LongAdder clusterFailures = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder presenceSent = new LongAdder();
    final LongAdder presenceCoalesced = new LongAdder();
    private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final Map<Recovery, LongAdder> recoveries = new EnumMap<>(Recovery.class);
    private volatile IntSupplier connections = () -> 0;
    private final IntSupplier rooms;
    private volatile LongSupplier historySize = () -> 0;

    Counters(IntSupplier rooms) {
        this.rooms = rooms;
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, new LongAdder());
        }
        for (Recovery outcome : Recovery.values()) {
            recoveries.put(outcome, new LongAdder());
        }
    }

    void recovery(Recovery outcome) {
        recoveries.get(outcome).increment();
    }

    /** Where the count of open connections is read; set once the registry exists. */
    void connections(IntSupplier value) {
        connections = value;
    }

    void historySize(LongSupplier value) {
        historySize = value;
    }

    @Override
    public long recoveries(Recovery outcome) {
        return recoveries.get(outcome).sum();
    }

    @Override
    public long replayed() {
        return replayed.sum();
    }

    @Override
    public long historySize() {
        return historySize.getAsLong();
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    @Override
    public int connections() {
        return connections.getAsInt();
    }

    @Override
    public int rooms() {
        return rooms.getAsInt();
    }

    @Override
    public long messagesIn() {
        return messagesIn.sum();
    }

    @Override
    public long messagesOut() {
        return messagesOut.sum();
    }

    @Override
    public long stateSaves() {
        return saves.sum();
    }

    @Override
    public long stateSavesSkipped() {
        return skipped.sum();
    }

    @Override
    public long clusterFailures() {
        return clusterFailures.sum();
    }

    @Override
    public long storeFailures() {
        return storeFailures.sum();
    }

    @Override
    public long errors(ErrorCode code) {
        return errors.get(code).sum();
    }

    @Override
    public long presenceUpdates(boolean coalesced) {
        return coalesced ? presenceCoalesced.sum() : presenceSent.sum();
    }
}
