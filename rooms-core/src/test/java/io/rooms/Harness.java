package io.rooms;

import io.rooms.spi.Identity;
import java.time.Duration;
import java.util.Random;

/** A {@link RoomsEngine} on a fake clock, a recording store and the fake transport. */
final class Harness {
    final FakeScheduler scheduler = new FakeScheduler();
    final RecordingStore store = new RecordingStore();
    final RoomsEngine engine;

    Harness() {
        this(EngineSettings.DEFAULTS, SavePolicy.DEFAULTS);
    }

    Harness(EngineSettings settings) {
        this(settings, SavePolicy.DEFAULTS);
    }

    Harness(EngineSettings settings, SavePolicy policy) {
        this(RoomsEngine.builder().settings(settings).savePolicy(policy));
    }

    Harness(RoomsEngineBuilder builder) {
        engine = builder.scheduler(scheduler).store(store).random(new Random(42)).flushExecutor(Runnable::run).build();
    }

    TestClient connect() {
        FakeConnection connection = new FakeConnection();
        return new TestClient(connection, engine.open(connection));
    }

    TestClient connect(Identity identity) {
        FakeConnection connection = new FakeConnection();
        return new TestClient(connection, engine.open(connection, identity));
    }

    TestClient joined(String room) {
        TestClient client = connect();
        client.join(room);
        return client;
    }

    void advance(Duration duration) {
        scheduler.advance(duration);
    }
}
