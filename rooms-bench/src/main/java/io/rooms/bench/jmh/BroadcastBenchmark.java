package io.rooms.bench.jmh;

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

/** One talkToRoom broadcast to a room of 10, 100 and 1000 members over no-op connections. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBenchmark {
    private static final String TALK = "{\"action\":\"talkToRoom\",\"data\":{\"text\":\"hello everyone\",\"n\":42}}";

    @Param({"10", "100", "1000"})
    public int members;

    private NoOpRoom rooms;

    @Setup
    public void setUp() {
        rooms = new NoOpRoom(members);
    }

    @TearDown
    public void tearDown() {
        rooms.close();
    }

    @Benchmark
    public void broadcast() {
        rooms.members.get(0).onText(TALK);
    }
}
