package io.rooms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the core relies on from every {@link Bus} for presence: a member's presence reaches every
 * node as a numbered room event, every member list carries it until the member leaves, and a resume
 * replays it once, in its place.
 */
public abstract class PresenceContract extends ClusterContract {

    @Test
    void aPresenceReachesEveryNodeAndEveryListCarriesItUntilItsMemberLeaves() {
        List<Node> nodes = cluster();
        Node one = nodes.get(0);
        Node two = nodes.get(nodes.size() - 1);
        get(one.bus.subscribe("p"));
        get(two.bus.subscribe("p"));
        MemberInfo ann = one.member("ann");
        MemberInfo bob = two.member("bob");
        one.join("p", ann, 0);
        long joined = two.join("p", bob, 0).seq();

        Bus.Delivery set = get(one.bus.setPresence("p", ann.id(), "{\"typing\":true}"));
        assertThat(set.seq()).as("a room event, numbered next").isEqualTo(joined + 1);
        assertThat(set.recipients()).isEqualTo(2);
        for (Node node : nodes) {
            await("the presence reaches " + node.view.nodeId(), () -> node.events(BusEvent.Updated.class).size() == 1);
            assertThat(node.events(BusEvent.Updated.class))
                    .containsExactly(new BusEvent.Updated("p", joined + 1, ann.id(), "{\"typing\":true}"));
        }
        assertThat(get(two.roster.members("p"))).containsExactly(ann.withMeta("{\"typing\":true}"), bob);
        MemberInfo cat = two.member("cat");
        assertThat(two.join("p", cat, 0).members()).as("a newcomer on another node sees it")
                .containsExactly(ann.withMeta("{\"typing\":true}"), bob, cat);

        get(one.bus.setPresence("p", ann.id(), null));
        await("the clearing reaches the other node", () -> two.events(BusEvent.Updated.class).size() == 2);
        assertThat(two.events(BusEvent.Updated.class).get(1).meta()).isNull();
        assertThat(get(one.roster.members("p"))).containsExactly(ann, bob, cat);

        get(one.bus.setPresence("p", ann.id(), "{\"away\":true}"));
        get(one.bus.leave("p", ann.id()));
        one.join("p", ann, 0);
        assertThat(get(two.roster.members("p"))).as("a presence ends with its membership").contains(ann)
                .allMatch(member -> member.meta() == null);
    }

    @Test
    void aPresenceOfNoMemberChangesNothingAndIsHeardByNoOne() {
        Node node = start();
        get(node.bus.subscribe("p"));
        MemberInfo ann = node.member("ann");
        node.join("p", ann, 0);
        assertThat(get(node.bus.setPresence("p", node.view.nodeId() + "-nobody", "{\"x\":1}")).recipients()).isZero();
        assertThat(get(node.bus.setPresence("empty", ann.id(), "{\"x\":1}")).recipients()).isZero();
        assertThat(node.events(BusEvent.Updated.class)).isEmpty();
        assertThat(get(node.roster.members("p"))).containsExactly(ann);
    }

    @Test
    void aResumeReplaysEachPresenceOnceInItsPlaceAndItsTextExactly() {
        List<Node> nodes = cluster();
        Node one = nodes.get(0);
        Node two = nodes.get(nodes.size() - 1);
        MemberInfo ann = one.member("ann");
        MemberInfo bob = two.member("bob");
        long first = one.join("pr", ann, 0).seq();
        two.join("pr", bob, 0);
        String meta = "{ \"n\": 12345678901234567890, \"s\": \"a/b\\\"c|}\", \"u\": \"\u00fc\uD83D\uDE00\", \"e\": [], \"o\": {} }";
        long updated = get(one.bus.setPresence("pr", ann.id(), meta)).seq();
        long said = get(two.bus.publish(new BusEvent.Said("pr", 0, bob.id(), "move", "1", null, false), null)).seq();

        List<BusEvent> missed = get(two.bus.since("pr", first)).orElseThrow();
        assertThat(missed).hasSize(3);
        assertThat(missed.get(1)).isEqualTo(new BusEvent.Updated("pr", updated, ann.id(), meta));
        assertThat(missed.get(2)).isInstanceOf(BusEvent.Said.class);
        assertThat(said).isEqualTo(updated + 1);
        assertThat(get(two.roster.members("pr")).get(0).meta()).as("kept as sent, to the byte").isEqualTo(meta);
    }
}
