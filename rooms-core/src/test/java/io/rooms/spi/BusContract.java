package io.rooms.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What the core relies on from every {@link Bus} and the {@link Roster} it keeps, run against each
 * implementation: the in-memory cluster in {@code rooms-core} and the Redis cluster on a real
 * {@code redis-server}.
 */
public abstract class BusContract extends ClusterContract {

    @Test
    void aJoinerIsAddedAtTheBackAndEveryNodeHearsOfItInOneOrder() {
        List<Node> nodes = cluster();
        Node first = nodes.get(0);
        Node last = nodes.get(nodes.size() - 1);
        get(first.bus.subscribe("r"));
        get(last.bus.subscribe("r"));
        MemberInfo a = first.member("a");
        MemberInfo b = last.member("b");
        Bus.Admission admittedA = first.join("r", a, 0);
        Bus.Admission admittedB = last.join("r", b, 0);

        assertThat(admittedA.members()).containsExactly(a);
        assertThat(admittedB.members()).containsExactly(a, b);
        assertThat(admittedB.seq()).isGreaterThan(admittedA.seq());
        for (Node node : nodes) {
            await("both joins reach every node", () -> node.events(BusEvent.Joined.class).size() == 2);
            assertThat(node.events(BusEvent.Joined.class)).extracting(BusEvent.Joined::member).containsExactly(a, b);
        }
        assertThat(get(first.roster.members("r"))).containsExactly(a, b);
    }

    @Test
    void everyMessageReachesEveryNodeOnceInOneOrderThatKeepsEachSendersOrder() {
        List<Node> nodes = cluster();
        for (Node node : nodes) {
            get(node.bus.subscribe("r"));
        }
        List<MemberInfo> senders = new ArrayList<>();
        for (Node node : nodes) {
            MemberInfo member = node.member("s");
            node.join("r", member, 0);
            senders.add(member);
        }
        int each = 50;
        List<CompletableFuture<Bus.Delivery>> sent = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            for (int s = 0; s < senders.size(); s++) {
                Node node = nodes.get(s);
                sent.add(node.bus.publish(new BusEvent.Said("r", 0, senders.get(s).id(), "move", Integer.toString(i),
                        null, true), null).toCompletableFuture());
            }
        }
        sent.forEach(BusContract::get);
        int total = each * senders.size();
        List<List<String>> orders = new ArrayList<>();
        for (Node node : nodes) {
            await("every message reaches node " + node.view.nodeId(), () -> node.events(BusEvent.Said.class).size() >= total);
            List<BusEvent.Said> said = node.events(BusEvent.Said.class);
            assertThat(said).hasSize(total);
            List<Long> seqs = said.stream().map(BusEvent.Said::seq).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            for (MemberInfo sender : senders) {
                assertThat(said.stream().filter(m -> m.from().equals(sender.id())).map(BusEvent.Said::data))
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, each).mapToObj(Integer::toString).toList());
            }
            orders.add(said.stream().map(m -> m.from() + ":" + m.data()).toList());
        }
        assertThat(orders).allMatch(order -> order.equals(orders.get(0)));
    }

    @Test
    void aSenderWithDataMovesToTheFrontAndAServerPushDoesNot() {
        Node node = start();
        MemberInfo a = node.member("a");
        MemberInfo b = node.member("b");
        node.join("r", a, 0);
        node.join("r", b, 0);
        get(node.bus.publish(new BusEvent.Said("r", 0, b.id(), "move", "1", null, true), null));
        assertThat(get(node.roster.members("r"))).containsExactly(b, a);
        Bus.Delivery pushed = get(node.bus.publish(new BusEvent.Said("r", 0, "server", "note", "1", null, false), null));
        assertThat(pushed.recipients()).isEqualTo(2);
        assertThat(get(node.roster.members("r"))).containsExactly(b, a);
    }

    @Test
    void theLastSeatGoesToExactlyOneOfTwoRacingJoiners() {
        List<Node> nodes = cluster();
        Node one = nodes.get(0);
        Node two = nodes.get(nodes.size() - 1);
        for (int round = 0; round < 20; round++) {
            String room = "full-" + round;
            one.join(room, one.member("x" + round), 0);
            CompletableFuture<Bus.Admission> a = one.bus.join(room, one.member("a" + round), 2).toCompletableFuture();
            CompletableFuture<Bus.Admission> b = two.bus.join(room, two.member("b" + round), 2).toCompletableFuture();
            assertThat(List.of(get(a).admitted(), get(b).admitted())).as("round %d", round)
                    .containsExactlyInAnyOrder(true, false);
            assertThat(get(one.roster.members(room))).hasSize(2);
        }
    }

    @Test
    void aMessageForOneMemberReachesItsNodeOnlyAndAnUnknownOneReachesNobody() {
        List<Node> nodes = cluster();
        Node sender = nodes.get(0);
        Node target = nodes.get(nodes.size() - 1);
        MemberInfo from = sender.member("from");
        MemberInfo to = target.member("to");
        sender.join("r", from, 0);
        target.join("r", to, 0);
        Bus.Delivery sent = get(sender.bus.publish(new BusEvent.Said("r", 0, from.id(), "talkToRoom", "\"psst\"", to.id(), true), null));
        assertThat(sent.recipients()).isEqualTo(1);
        await("the direct message arrives", () -> !target.events(BusEvent.Said.class).isEmpty());
        assertThat(target.events(BusEvent.Said.class).get(0).to()).isEqualTo(to.id());
        Bus.Delivery none = get(sender.bus.publish(new BusEvent.Said("r", 0, from.id(), "talkToRoom", "1",
                target.view.nodeId() + "-nobody", false), null));
        assertThat(none.recipients()).isZero();
        if (nodes.size() > 1) {
            assertThat(sender.events(BusEvent.Said.class)).isEmpty();
        }
    }

    @Test
    void stateRequestsAndAnswersReachTheNodeOfTheMemberTheyAreFor() {
        List<Node> nodes = cluster();
        Node newcomerNode = nodes.get(0);
        Node askedNode = nodes.get(nodes.size() - 1);
        MemberInfo asked = askedNode.member("old");
        MemberInfo newcomer = newcomerNode.member("new");
        askedNode.join("r", asked, 0);
        newcomerNode.join("r", newcomer, 0);
        get(newcomerNode.bus.send(new BusEvent.StateAsked("r", newcomer.id(), asked.id())));
        await("the request arrives", () -> !askedNode.events(BusEvent.StateAsked.class).isEmpty());
        get(askedNode.bus.send(new BusEvent.StateGiven("r", 0, asked.id(), newcomer.id(), "{\"board\":1}", true)));
        await("the answer arrives", () -> !newcomerNode.events(BusEvent.StateGiven.class).isEmpty());
        BusEvent.StateGiven given = newcomerNode.events(BusEvent.StateGiven.class).get(0);
        assertThat(given.data()).isEqualTo("{\"board\":1}");
        assertThat(given.seq()).isPositive();
        assertThat(get(askedNode.roster.members("r"))).first().isEqualTo(asked);
    }

    @Test
    void aLeaveIsHeardAndAnEmptyRoomIsListedNoMore() {
        Node node = start();
        get(node.bus.subscribe("r"));
        MemberInfo a = node.member("a");
        node.join("r", a, 0);
        assertThat(get(node.roster.rooms())).contains(new RoomSummary("r", 1));
        get(node.bus.leave("r", a.id()));
        await("the leave is heard", () -> node.events(BusEvent.Left.class).size() == 1);
        assertThat(get(node.roster.members("r"))).isEmpty();
        assertThat(get(node.roster.rooms())).extracting(RoomSummary::room).doesNotContain("r");
    }

    @Test
    void aMemberInTwoRoomsLeavesOneAndStaysInTheOtherAndItsNodesDepartureEmptiesBoth() {
        List<Node> nodes = cluster();
        Node holder = nodes.get(0);
        Node watcher = nodes.get(nodes.size() - 1);
        get(watcher.bus.subscribe("r1"));
        get(watcher.bus.subscribe("r2"));
        MemberInfo both = holder.member("both");
        MemberInfo stays = watcher.member("stays");
        holder.join("r1", both, 0);
        holder.join("r2", both, 0);
        watcher.join("r1", stays, 0);
        get(holder.bus.leave("r1", both.id()));
        await("the leave from r1 is heard", () -> watcher.events(BusEvent.Left.class).size() == 1);
        assertThat(get(watcher.roster.members("r1"))).containsExactly(stays);
        assertThat(get(watcher.roster.members("r2"))).containsExactly(both);
        holder.join("r1", both, 0);
        if (nodes.size() > 1) {
            holder.cluster.close(); // its node leaves: the member leaves every room it was in
            await("the member leaves both rooms", () -> watcher.events(BusEvent.Left.class).stream()
                    .filter(left -> left.member().equals(both.id())).count() == 3);
            assertThat(get(watcher.roster.members("r1"))).containsExactly(stays);
            assertThat(get(watcher.roster.members("r2"))).isEmpty();
        }
    }

    @Test
    void textThatLooksLikeAnotherFieldStaysInsideItsOwn() {
        Node node = start();
        get(node.bus.subscribe("r"));
        MemberInfo a = node.member("a");
        node.join("r", a, 0);
        String data = "\"a|b\\\"},{\\\"k\\\":\\\"J\\\"\"";
        get(node.bus.publish(new BusEvent.Said("r", 0, a.id(), "x|y\"}", data, null, false), null));
        await("the message arrives", () -> !node.events(BusEvent.Said.class).isEmpty());
        BusEvent.Said said = node.events(BusEvent.Said.class).get(0);
        assertThat(said.action()).isEqualTo("x|y\"}");
        assertThat(said.data()).isEqualTo(data);
        assertThat(node.events(BusEvent.Joined.class)).hasSize(1);
    }

    @Test
    void aRemovalReachesTheNodeOfAMemberOfTheRoomAndNoOneForAnyOtherId() {
        List<Node> nodes = cluster();
        Node asking = nodes.get(0);
        Node holding = nodes.get(nodes.size() - 1);
        MemberInfo member = holding.member("m");
        holding.join("r", member, 0);
        holding.join("other", holding.member("n"), 0);

        assertThat(get(asking.bus.send(new BusEvent.Removed("r", member.id()))).recipients()).isEqualTo(1);
        await("the removal arrives", () -> !holding.events(BusEvent.Removed.class).isEmpty());
        assertThat(holding.events(BusEvent.Removed.class)).containsExactly(new BusEvent.Removed("r", member.id()));

        assertThat(get(asking.bus.send(new BusEvent.Removed("r", holding.view.nodeId() + "-nobody"))).recipients())
                .as("no such member").isZero();
        assertThat(get(asking.bus.send(new BusEvent.Removed("other", member.id()))).recipients())
                .as("a member of another room").isZero();
    }

    @Test
    void disconnectingAUserReachesEveryNodeAndCountsTheSocketsClosedOnAll() {
        List<Node> nodes = cluster();
        int expected = 0;
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).sockets.put("ann", i + 2);
            nodes.get(i).sockets.put("bob", 1);
            expected += i + 2;
        }
        assertThat(get(nodes.get(0).bus.disconnectUser("ann"))).isEqualTo(expected);
        for (Node node : nodes) {
            assertThat(node.disconnected).containsExactly("ann");
            assertThat(node.sockets).containsOnlyKeys("bob");
        }
        assertThat(get(nodes.get(nodes.size() - 1).bus.disconnectUser("nobody"))).isZero();
    }

    @Test
    void aRoomsNumbersGoUpByOneAndEveryRoomWideEventAfterOneIsThereToReplay() {
        List<Node> nodes = cluster();
        Node one = nodes.get(0);
        Node two = nodes.get(nodes.size() - 1);
        MemberInfo a = one.member("a");
        MemberInfo b = two.member("b");
        long first = one.join("hist", a, 0).seq();
        long second = two.join("hist", b, 0).seq();
        long said = get(one.bus.publish(new BusEvent.Said("hist", 0, a.id(), "move", "{\"x\":1}", null, true), null)).seq();
        long direct = get(one.bus.publish(new BusEvent.Said("hist", 0, a.id(), "talkToRoom", "1", b.id(), false), null)).seq();
        get(two.bus.leave("hist", b.id()));

        assertThat(List.of(second, said)).containsExactly(first + 1, first + 2);
        assertThat(direct).as("a direct message is placed at the room's latest number, taking none").isEqualTo(said);
        assertThat(first).as("numbers start from the clock's microseconds").isGreaterThan(1_700_000_000_000_000L);
        List<BusEvent> missed = get(two.bus.since("hist", first)).orElseThrow();
        assertThat(missed).as("room-wide events only, in order").hasSize(3);
        assertThat(missed.get(0)).isEqualTo(new BusEvent.Joined("hist", second, b));
        assertThat(missed.get(1)).isEqualTo(new BusEvent.Said("hist", said, a.id(), "move", "{\"x\":1}", null, false));
        assertThat(missed.get(2)).isEqualTo(new BusEvent.Left("hist", said + 1, b.id()));
        assertThat(get(one.bus.since("hist", said + 1))).as("nothing after the last").contains(List.of());
        assertThat(get(one.bus.since("hist", said + 2))).as("a number never given").isEmpty();
        assertThat(get(one.bus.since("never-used", 5))).isEmpty();
    }

    @Test
    void theRoomKeepsItsNumbersAndHistoryWhileItIsEmptyForTheWindow() {
        Node node = start();
        MemberInfo a = node.member("a");
        long joined = node.join("emptied", a, 0).seq();
        get(node.bus.leave("emptied", a.id()));
        long next = node.join("emptied", node.member("b"), 0).seq();
        assertThat(next).isEqualTo(joined + 2);
        assertThat(get(node.bus.since("emptied", joined)).orElseThrow()).hasSize(2);
    }

    @Test
    void aRoomKeepsItsLatestEventsOnlyAndSaysWhenSomeAreGone() {
        Node node = start();
        MemberInfo a = node.member("a");
        long joined = node.join("bounded", a, 0).seq();
        int kept = historySize();
        for (int i = 0; i < kept + 5; i++) {
            get(node.bus.publish(new BusEvent.Said("bounded", 0, a.id(), "n", Integer.toString(i), null, false), null));
        }
        assertThat(get(node.bus.since("bounded", joined))).as("the first ones are gone").isEmpty();
        long lastSeen = joined + 5 + 1;
        assertThat(get(node.bus.since("bounded", lastSeen)).orElseThrow()).hasSize(kept - 1);
    }

    @Test
    void aMemberWithAnIdAnotherNodeGaveOutIsReachedWhereItIsNow() {
        org.junit.jupiter.api.Assumptions.assumeTrue(nodes() > 1, "needs two nodes");
        List<Node> nodes = cluster();
        Node gaveOut = nodes.get(0);
        Node holds = nodes.get(1);
        MemberInfo resumed = gaveOut.member("moved");
        MemberInfo other = gaveOut.member("other");
        gaveOut.join("moved", other, 0);
        holds.join("moved", resumed, 0);
        get(gaveOut.bus.publish(new BusEvent.Said("moved", 0, other.id(), "talkToRoom", "1", resumed.id(), false), null));
        await("the direct message reaches the node that holds the member",
                () -> !holds.events(BusEvent.Said.class).isEmpty());
        assertThat(gaveOut.events(BusEvent.Said.class)).isEmpty();
        get(gaveOut.bus.send(new BusEvent.Replaced("moved", resumed.id())));
        await("so does a replacement", () -> !holds.events(BusEvent.Replaced.class).isEmpty());
    }
}
