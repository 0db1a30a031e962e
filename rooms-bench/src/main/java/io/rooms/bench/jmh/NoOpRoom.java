package io.rooms.bench.jmh;

import io.rooms.RoomsEngine;
import io.rooms.EngineSettings;
import io.rooms.spi.ConnectionListener;
import java.util.ArrayList;
import java.util.List;

/** An engine whose members sit in one room on no-op connections, writing on the caller's thread. */
final class NoOpRoom {
    final RoomsEngine engine = RoomsEngine.builder()
            .settings(EngineSettings.DEFAULTS.withMaxMessagesPerSecond(Integer.MAX_VALUE / 4))
            .flushExecutor(Runnable::run)
            .build();
    final List<ConnectionListener> members = new ArrayList<>();

    NoOpRoom(int size) {
        for (int i = 0; i < size; i++) {
            ConnectionListener member = engine.open(new NoOpConnection());
            member.onText("{\"action\":\"newClient\",\"room\":\"bench\"}");
            members.add(member);
        }
    }

    void close() {
        engine.close();
    }
}
