package io.rooms.cluster.redis;

import io.rooms.spi.BusContract;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterViewContract;
import io.rooms.spi.PresenceContract;
import io.rooms.spi.SessionStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The cluster contract suites with the rooms sharded over a real Redis Cluster of three masters and
 * three replicas ({@code redis-cluster://}): every script on one slot, every room's events on its
 * shard channel.
 */
@org.junit.jupiter.api.Tag("redis") // needs redis-server and redis-cli: left out by -Pself-contained
class RedisShardedClusterTest {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static RedisShards shards;

    @BeforeAll
    static void startRedisCluster() throws Exception {
        shards = RedisShards.start();
    }

    @AfterAll
    static void stopRedisCluster() throws Exception {
        shards.close();
    }

    /** Every test has keys of its own on the one Redis Cluster: each call of one test joins the same cluster. */
    private static Supplier<Cluster> clusterOfThisTest() {
        String prefix = "s" + TESTS.incrementAndGet() + ":";
        return () -> RedisCluster.connect(RedisClusterSettings.of(shards.uri()).withKeyPrefix(prefix));
    }

    @Nested
    class Bus extends BusContract {
        private final Supplier<Cluster> clusters = clusterOfThisTest();

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
    class Presence extends PresenceContract {
        private final Supplier<Cluster> clusters = clusterOfThisTest();

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
        private final Supplier<Cluster> clusters = clusterOfThisTest();

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
        private final Supplier<Cluster> clusters = clusterOfThisTest();

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
