package io.rooms.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.spi.BusEvent;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterContract;
import io.rooms.spi.MemberInfo;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The slot of a busy room moved to another shard under traffic, there and back: the room keeps
 * delivering, in order, with no repeats, and every message acknowledged arrives.
 */
@org.junit.jupiter.api.Tag("redis") // needs redis-server and redis-cli: left out by -Pself-contained
class RedisShardMoveTest extends ClusterContract {
    private static final String PREFIX = "m:";
    private static final String ROOM = "busy";
    private static final int HISTORY = 4096;
    private static RedisShards shards;

    @BeforeAll
    static void startRedisCluster() throws Exception {
        shards = RedisShards.start();
    }

    @AfterAll
    static void stopRedisCluster() throws Exception {
        shards.close();
    }

    @Override
    protected Cluster newCluster() {
        // While the slot moves, the room's scripts wait (TRYAGAIN), a node's read of a gap among them: the
        // history must hold what is said meanwhile, at this test's 400 messages a second (docs/cluster.md).
        return RedisCluster.connect(RedisClusterSettings.of(shards.uri()).withKeyPrefix(PREFIX)
                .withResume(io.rooms.ResumeSettings.DEFAULTS.withHistorySize(HISTORY)));
    }

    @Override
    protected int nodes() {
        return 2;
    }

    @Test
    void aBusyRoomsSlotMovedToAnotherShardAndBackKeepsDeliveringInOrderWithoutRepeatsOrLoss() throws Exception {
        Node one = start();
        Node two = start();
        MemberInfo sender = one.member("s");
        MemberInfo listener = two.member("l");
        one.join(ROOM, sender, 0);
        two.join(ROOM, listener, 0);
        String key = PREFIX + "{" + ROOM + "}:order";
        int home = shards.masterOf(key);
        int away = shards.masters().stream().filter(port -> port != home).findFirst().orElseThrow();
        Traffic traffic = new Traffic(one.bus, ROOM, sender);
        try {
            await("traffic flows", () -> received(two).size() > 100);
            for (int to : new int[] {away, home}) {
                long before = traffic.next();
                shards.moveSlotOf(key, to);
                assertThat(shards.masterOf(key)).isEqualTo(to);
                long after = traffic.next() + 200;
                await("the room delivers what is said after the move", () -> traffic.next() > after
                        && received(two).stream().anyMatch(n -> n >= after - 100));
                assertThat(received(two)).as("said before the move %d", before).contains(before - 1);
            }
        } finally {
            traffic.close();
        }
        try {
            await("every acknowledged message arrives", () -> received(two).containsAll(traffic.acked));
        } catch (AssertionError e) {
            List<Long> got = received(two);
            throw new AssertionError(e.getMessage() + ": missing " + traffic.acked.stream().filter(n -> !got.contains(n)).toList()
                    + ", refused " + traffic.failed + " (" + traffic.why + ")", e);
        }
        System.out.printf("slot move: %d messages acknowledged, %d refused while the slot moved, %d received%n",
                traffic.acked.size(), traffic.failed.size(), received(two).size());
        assertThat(received(two)).as("in order, no repeats").isSorted().doesNotHaveDuplicates();
        assertThat(traffic.failed).as("nothing refused while the slot moved (%s)", traffic.why).isEmpty();
        await("both nodes list both members", () -> get(one.roster.members(ROOM)).size() == 2
                && get(two.roster.members(ROOM)).size() == 2);
    }

    private static List<Long> received(Node node) {
        return node.events(BusEvent.Said.class).stream().filter(said -> said.room().equals(ROOM) && said.to() == null)
                .map(said -> Long.parseLong(said.data())).toList();
    }
}
