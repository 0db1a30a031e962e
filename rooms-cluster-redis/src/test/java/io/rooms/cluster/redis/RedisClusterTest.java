package io.rooms.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.BusEvent;
import io.rooms.spi.MemberInfo;
import io.rooms.spi.BusContract;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterViewContract;
import io.rooms.spi.PresenceContract;
import io.rooms.spi.SessionStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cluster contract suites on the Redis cluster, with a real {@code redis-server}, and how its bus
 * lives through Redis's faults.
 */
@org.junit.jupiter.api.Tag("redis") // needs redis-server: left out by -Pself-contained
class RedisClusterTest {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    /** Every test has keys of its own on the one server: each call of one test joins the same cluster. */
    private static java.util.function.Supplier<Cluster> clusterOfThisTest() {
        String prefix = "t" + TESTS.incrementAndGet() + ":";
        return () -> RedisCluster.connect(RedisClusterSettings.of(redis.uri()).withKeyPrefix(prefix));
    }

    @Nested
    class Bus extends BusContract {
        private final java.util.function.Supplier<Cluster> clusters = clusterOfThisTest();

        @Override
        protected Cluster newCluster() {
            return clusters.get();
        }

        @Override
        protected int nodes() {
            return 2;
        }

        @Test
        void aRedisStalledPastEveryTimeOutTakesNoNodeForDeadAndTheCapacityHolds() throws Exception {
            Node one = start();
            Node two = start();
            for (int i = 0; i < 3; i++) {
                one.join("r", one.member("a" + i), 0);
                two.join("r", two.member("b" + i), 0);
            }
            for (int stall = 0; stall < 2; stall++) {
                redis.pause();
                try {
                    // The fault itself: 5 s frozen, past the 2 s command time-out and the 3 s node time-out.
                    Thread.sleep(5_000);
                } finally {
                    redis.resume();
                }
                await("both nodes' six members are registered again after stall " + stall,
                        () -> get(one.roster.members("r")).size() == 6 && get(two.roster.members("r")).size() == 6);
                // A reap sent before the stall runs when Redis wakes, on a clock 5 s on: it must take no
                // one for dead. Watched for a node time-out and a beat, the bound within which it would.
                long until = System.nanoTime() + java.time.Duration.ofSeconds(4).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(get(one.roster.members("r"))).as("after stall %d", stall).hasSize(6);
                    Thread.sleep(50); // the pace of the watch
                }
                assertThat(one.events(BusEvent.Left.class)).as("no member left after stall %d", stall).isEmpty();
                assertThat(two.events(BusEvent.Left.class)).as("no member left after stall %d", stall).isEmpty();
            }
            MemberInfo extra = one.member("extra");
            assertThat(get(one.bus.join("r", extra, 6)).admitted()).as("the room is full again").isFalse();
        }
    }

    @Nested
    class Presence extends PresenceContract {
        private final java.util.function.Supplier<Cluster> clusters = clusterOfThisTest();

        @Override
        protected Cluster newCluster() {
            return clusters.get();
        }

        @Override
        protected int nodes() {
            return 2;
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        private final java.util.function.Supplier<Cluster> clusters = clusterOfThisTest();

        @Override
        protected Cluster newCluster() {
            return clusters.get();
        }

        @Override
        protected int nodes() {
            return 2;
        }
    }

    @Nested
    class View extends ClusterViewContract {
        private final java.util.function.Supplier<Cluster> clusters = clusterOfThisTest();

        @Override
        protected Cluster newCluster() {
            return clusters.get();
        }

        @Override
        protected int nodes() {
            return 2;
        }
    }
}
