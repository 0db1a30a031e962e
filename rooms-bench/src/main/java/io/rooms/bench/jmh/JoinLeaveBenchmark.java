package io.rooms.bench.jmh;

import io.rooms.spi.ConnectionListener;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Churn: one client joins a room of 10 or 1000 members (the bus admits it, the room announces it,
 * the most active member is asked for state) and leaves again (announced).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JoinLeaveBenchmark {
    @Param({"10", "1000"})
    public int members;

    private NoOpRoom rooms;
    private ConnectionListener visitor;

    @Setup
    public void setUp() {
        rooms = new NoOpRoom(members);
        rooms.members.get(0).onText("{\"action\":\"move\",\"data\":1}");
        visitor = rooms.engine.open(new NoOpConnection());
    }

    @TearDown
    public void tearDown() {
        rooms.close();
    }

    @Benchmark
    public void joinAndLeave() {
        visitor.onText("{\"action\":\"newClient\",\"room\":\"bench\"}");
        visitor.onText("{\"action\":\"leave\"}");
    }
}
