package io.rooms.internal;

import io.rooms.MemberInfo;
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
import org.openjdk.jmh.annotations.Warmup;

/** Promote (move to the front of the activity order): O(1) whatever the room's size. In the core's package, to reach it. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PromoteBenchmark {
    @Param({"10", "1000"})
    public int members;

    private Member[] nodes;
    private ActivityList list;
    private int next;

    @Setup
    public void setUp() {
        list = new ActivityList();
        nodes = new Member[members];
        for (int i = 0; i < members; i++) {
            nodes[i] = new Member(null, new MemberInfo("m" + i, "n", "#000000"));
            list.addLast(nodes[i]);
        }
    }

    @Benchmark
    public Member promote() {
        Member member = nodes[next];
        next = (next + 7) % members;
        list.moveToFront(member);
        return list.first();
    }
}
