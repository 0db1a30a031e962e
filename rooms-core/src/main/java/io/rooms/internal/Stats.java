package io.rooms.internal;

import io.rooms.ErrorCode;
import io.rooms.Recovery;
import io.rooms.RoomStats;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** The engine's counters. Thread-safe. */
final class Stats implements RoomStats {
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder saves = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder storeFailures = new LongAdder();
    final LongAdder clusterFailures = new LongAdder();
    final LongAdder replayed = new LongAdder();
    private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final Map<Recovery, LongAdder> recoveries = new EnumMap<>(Recovery.class);
    private final IntSupplier connections;
    private final IntSupplier rooms;
    private volatile LongSupplier historySize = () -> 0;

    Stats(IntSupplier connections, IntSupplier rooms) {
        this.connections = connections;
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
}
