package io.rooms.cluster.redis;

import io.lettuce.core.ScriptOutputType;
import io.rooms.spi.Bus;
import io.rooms.spi.BusEvent;
import io.rooms.spi.MemberInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Bus} of a {@link RedisCluster}. The registry is a sorted set per room (scored by
 * activity) with the members' details beside it, changed only by Lua scripts so that the capacity
 * check and the join, and every change and its announcement, are atomic on the room's shard. The
 * broker is Redis pub/sub: a channel per room (a shard channel on a Redis Cluster) carries its
 * stream and the events for one of its members; a channel per node carries control answers.
 *
 * <p>Events and the completions of commands reach the core on the cluster's own thread, one at a
 * time, never on Lettuce's threads. Thread-safe.
 */
final class RedisBus implements Bus {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    private static final Script PUBLISH = Script.room("publish");
    private static final Script SEND = Script.room("send");
    private static final Script SINCE = Script.room("since");

    private final RedisClusterSettings settings;
    private final Keys keys;
    private final String node;
    private final RoomScripts scripts;
    private final Subscriptions subscriptions;
    private final Registry registry;
    private final Reaper reaper;
    private final Control control;
    private final Serial events;
    private final Continuity continuity;
    private volatile Listener listener;
    private volatile boolean closing;

    RedisBus(RedisClusterSettings settings, Link link, Keys keys, RoomScripts scripts, Registry registry,
            Reaper reaper, Control control, Serial events) {
        this.settings = settings;
        this.keys = keys;
        this.node = link.node;
        this.scripts = scripts;
        this.registry = registry;
        this.reaper = reaper;
        this.control = control;
        this.events = events;
        this.subscriptions = new Subscriptions(link.pubsub, link.clusterClient(), this::deliver);
        this.continuity = new Continuity(this::since, events::execute, event -> {
            Listener target = listener;
            if (target != null) {
                target.onEvent(event);
            }
        });
    }

    /** Subscribes to this node's own channel and the cluster's control channel; blocks until then. */
    void subscribeToNodeChannels() {
        subscriptions.subscribe(keys.nodeChannel(node)).toCompletableFuture().join();
        subscriptions.subscribe(control.channel()).toCompletableFuture().join();
    }

    /** After the pub/sub link came back: every channel this node needs, subscribed again. */
    void subscribeAgain() {
        subscriptions.subscribeAgain();
    }

    /** On a Redis Cluster, every heartbeat: room channels whose shard changed are subscribed again. */
    void reconcileSubscriptions() {
        subscriptions.reconcile();
    }

    /** The registry may have lost this node's members: the core is asked to register them again. */
    void resyncNeeded() {
        events.execute(() -> {
            Listener target = listener;
            if (target != null && !closing) {
                target.onResyncNeeded();
            }
        });
    }

    @Override
    public void start(Listener value) {
        this.listener = value;
    }

    @Override
    public CompletionStage<Void> subscribe(String room) {
        return events.hop(subscriptions.subscribeRoom(keys.roomChannel(room)));
    }

    @Override
    public void unsubscribe(String room) {
        subscriptions.unsubscribeRoom(keys.roomChannel(room));
        registry.forget(room);
        events.execute(() -> continuity.forget(room));
    }

    private void deliver(String text) {
        events.execute(() -> {
            Listener target = listener;
            if (target == null) {
                return;
            }
            Envelope message;
            BusEvent event = null;
            try {
                message = Envelope.read(text);
                if (message.t() != null && !registry.serves(message.t())) {
                    return; // for a member of the room on another node
                }
                if (!message.isControl()) {
                    event = message.toEvent();
                }
            } catch (IllegalArgumentException e) {
                log.warn("ignoring a message on a rooms channel that no node wrote: {}", e.getMessage());
                return;
            }
            if (event != null) {
                continuity.accept(event);
            } else {
                try {
                    control.on(message, target::onDisconnectUser);
                } catch (IllegalArgumentException e) {
                    log.warn("ignoring a control message that no node wrote: {}", e.getMessage());
                }
            }
        });
    }

    @Override
    public CompletionStage<Admission> join(String room, MemberInfo member, int capacity) {
        return events.hop(registry.join(room, member, capacity));
    }

    @Override
    public CompletionStage<Void> leave(String room, String memberId) {
        return events.hop(registry.remove(room, memberId));
    }

    @Override
    public CompletionStage<Delivery> publish(BusEvent.Said said, Accepted accepted) {
        String[] args = {said.from(), said.action(), orEmpty(said.data()), orEmpty(said.to()),
                said.promote() ? "1" : "0", accepted == null ? "" : accepted.ref()};
        CompletionStage<List<Long>> result = accepted == null
                ? scripts.run(PUBLISH, ScriptOutputType.MULTI, said.room(), args)
                : scripts.runWithRefs(PUBLISH, ScriptOutputType.MULTI, said.room(), accepted.session(), args);
        return events.hop(result.thenApply(RedisBus::delivery));
    }

    @Override
    public CompletionStage<Delivery> setPresence(String room, String memberId, String meta) {
        return events.hop(registry.setPresence(room, memberId, meta));
    }

    @Override
    public CompletionStage<Delivery> send(BusEvent.NodeEvent event) {
        String kind;
        String from;
        String data = "";
        boolean promote = false;
        if (event instanceof BusEvent.StateAsked asked) {
            kind = "A";
            from = asked.newcomer();
        } else if (event instanceof BusEvent.Removed) {
            kind = "R";
            from = "server";
        } else if (event instanceof BusEvent.Replaced) {
            kind = "X";
            from = "server";
        } else {
            BusEvent.StateGiven given = (BusEvent.StateGiven) event;
            kind = "G";
            from = given.from();
            data = orEmpty(given.data());
            promote = given.promote();
        }
        return events.hop(scripts.<List<Long>>run(SEND, ScriptOutputType.MULTI, event.room(), kind, from,
                        event.target(), data, promote ? "1" : "0")
                .thenApply(RedisBus::delivery));
    }

    @Override
    public CompletionStage<Optional<List<BusEvent>>> since(String room, long after) {
        return events.hop(scripts.<List<Object>>run(SINCE, ScriptOutputType.MULTI, room, Long.toString(after))
                .thenApply(result -> {
                    if (((Long) result.get(0)) == 0) {
                        return Optional.<List<BusEvent>>empty();
                    }
                    List<BusEvent> events = new ArrayList<>(result.size() - 1);
                    for (int i = 1; i < result.size(); i++) {
                        events.add(Envelope.parse((String) result.get(i)));
                    }
                    return Optional.of(events);
                }));
    }

    @Override
    public CompletionStage<Void> resync(Map<String, List<MemberInfo>> localMembersByRoom) {
        return events.hop(registry.resync(localMembersByRoom));
    }

    @Override
    public CompletionStage<Integer> disconnectUser(String user) {
        return events.hop(control.disconnectUser(user));
    }

    /** Removes this node's remaining members, announcing it; waits at most the command time-out. */
    @Override
    public void close() {
        closing = true;
        try {
            reaper.remove(node).toCompletableFuture()
                    .get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not remove this node's members from the cluster on leaving ({}); the others will"
                    + " when its heartbeat expires", Link.rootMessage(e));
        }
    }

    private static Delivery delivery(List<Long> result) {
        return new Delivery(result.get(0), Math.toIntExact(result.get(1)));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
