package io.rooms.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing and dispatch of one message: an echo (no room) and an app action relayed to one member. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
    private static final String ECHO = "{\"action\":\"echo\",\"data\":{\"t\":123456789,\"p\":\"xxxxxxxxxxxxxxxx\"}}";
    private static final String MOVE = "{\"action\":\"talkToRoom\",\"room\":\"bench\",\"data\":{\"word\":\"sky\",\"x\":120,\"y\":48}}";
    private NoOpRoom rooms;

    @Setup
    public void setUp() {
        rooms = new NoOpRoom(2);
    }

    @TearDown
    public void tearDown() {
        rooms.close();
    }

    @Benchmark
    public void echo() {
        rooms.members.get(0).onText(ECHO);
    }

    @Benchmark
    public void relayToOneMember() {
        rooms.members.get(0).onText(MOVE);
    }
}
