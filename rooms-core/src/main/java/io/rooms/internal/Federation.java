package io.rooms.internal;

import io.rooms.ErrorCode;
import io.rooms.MemberInfo;
import io.rooms.Message;
import io.rooms.RoomSummary;
import io.rooms.spi.Cluster;
import io.rooms.spi.ClusterMessage;
import io.rooms.spi.ClusterMessage.Kind;
import io.rooms.spi.ClusterUnavailableException;
import io.rooms.spi.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the rooms of one node do differently in a cluster. Membership, activity order and capacity
 * live in the cluster's registry; every room message, join and leave goes through the room's
 * stream, which has one order for every node, and each node delivers the stream to its own members.
 * A newcomer sees exactly the entries after its own join. Node-addressed messages carry what one
 * node asks of a member on another: direct messages, {@code requestState} and its answer.
 *
 * <p>When the cluster cannot be reached, each node serves its own members alone: joins are admitted
 * locally and messages delivered locally, and the registry is mended when the link is back.
 */
final class Federation implements Cluster.Listener {
    private static final Logger log = LoggerFactory.getLogger(Federation.class);
    private static final int MAX_BACKLOG = 10_000;

    private final Cluster cluster;
    private final Rooms rooms;
    private final Engine engine;
    private final StateSaver saver;
    private final Scheduler scheduler;
    private final int maxRoomSize;
    private final long stateTimeoutNanos;
    private final String node;
    private final AtomicBoolean degraded = new AtomicBoolean();

    Federation(Cluster cluster, Rooms rooms, Engine engine, StateSaver saver, Scheduler scheduler,
            int maxRoomSize, long stateTimeoutNanos) {
        this.cluster = cluster;
        this.rooms = rooms;
        this.engine = engine;
        this.saver = saver;
        this.scheduler = scheduler;
        this.maxRoomSize = maxRoomSize;
        this.stateTimeoutNanos = stateTimeoutNanos;
        this.node = cluster.nodeId();
    }

    /** The node that gave out {@code clientId}, or null for an id no node could have given. */
    static String nodeOf(String clientId) {
        int dash = clientId.lastIndexOf('-');
        return dash > 0 ? clientId.substring(0, dash) : null;
    }

    /** A new local room: starts receiving its stream. */
    Room open(String name) {
        Room room = new Room(name);
        room.subscription = cluster.subscribe(name);
        return room;
    }

    /** A local room was closed (under its lock). */
    void closed(Room room) {
        cluster.unsubscribe(room.name);
    }

    // ---- joining ----

    void join(Client client, Room room) {
        MemberInfo info = new MemberInfo(client.id, client.name, client.color);
        String announce = Rooms.joinedAnnouncement(room, info);
        client.joinStarted();
        room.subscription
                .thenCompose(subscribed -> cluster.join(room.name, info, maxRoomSize, announce))
                .whenComplete((admission, failure) -> admitted(client, room, info, announce, admission, failure));
    }

    private void admitted(Client client, Room room, MemberInfo info, String announce, Cluster.Admission admission,
            Throwable failure) {
        Batch batch = new Batch();
        boolean joined = false;
        boolean fromStore = false;
        boolean undo = false;
        Handoff handoff = null;
        synchronized (room) {
            room.pendingJoins--;
            if (client.isGone()) {
                undo = failure == null && admission.admitted();
            } else if (failure == null && !admission.admitted()) {
                batch.send(client, Frame.of("roomFull").str("room", room.name).num("max", maxRoomSize).build());
            } else {
                List<MemberInfo> members;
                if (failure == null) {
                    members = admission.members();
                } else {
                    unreachable("join", failure);
                    members = new ArrayList<>(room.members());
                    members.add(info);
                    room.forEach(m -> batch.send(m.client, announce));
                }
                client.member = room.add(client, info);
                client.room = room;
                client.joinedOnce = true;
                joined = true;
                batch.send(client, Rooms.joinedFrame(room, info, members));
                if (failure == null) {
                    for (ClusterMessage missed : room.backlog) {
                        if (missed.seq() > admission.seq() && !client.id.equals(missed.member())) {
                            batch.send(client, missed.frame());
                        }
                    }
                }
                if (members.size() <= 1) {
                    fromStore = true;
                } else {
                    handoff = new Handoff(client);
                    room.handoffs().put(client.id, handoff);
                }
            }
            if (room.pendingJoins == 0) {
                room.backlog.clear();
            }
            rooms.closeIfDeserted(room);
        }
        batch.flush();
        if (undo) {
            cluster.leave(room.name, info.id(), Rooms.leftFrame(room.name, info.id()));
        }
        if (joined) {
            engine.joined(client);
        }
        engine.releaseHeld(client);
        if (handoff != null) {
            askNext(room, handoff);
        }
        if (fromStore) {
            rooms.stateFromStore(room, client);
        }
    }

    // ---- leaving ----

    /** {@code memberId} left {@code room} on this node; tell the cluster (and, if it is away, our own members). */
    void left(Room room, String memberId) {
        String frame = Rooms.leftFrame(room.name, memberId);
        cluster.leave(room.name, memberId, frame).whenComplete((done, failure) -> {
            if (failure != null) {
                failed("leave", failure, new ClusterMessage(Kind.LEFT, room.name, 0, node, memberId, "", frame), true);
            }
        });
    }

    // ---- messages ----

    void relay(Client client, Room room, Message message, String frame) {
        boolean promote = message.hasData();
        if (message.to() != null) {
            String target = nodeOf(message.to());
            if (target == null) {
                noSuchMember(client, room.name, message.to());
                return;
            }
            ClusterMessage direct = new ClusterMessage(Kind.DIRECT, room.name, 0, node, client.id, message.to(), frame);
            cluster.sendToNode(target, direct, promote).whenComplete((published, failure) -> {
                if (failure != null) {
                    failed("direct message", failure, direct, target.equals(node));
                } else if (published.count() == 0) {
                    noSuchMember(client, room.name, message.to());
                }
            });
            return;
        }
        boolean stateBearing = message.data() != null && saver.isStateBearing(message.action());
        ClusterMessage broadcast = new ClusterMessage(Kind.BROADCAST, room.name, 0, node, client.id, "", frame);
        cluster.publishToRoom(broadcast, promote).whenComplete((published, failure) -> {
            if (failure != null) {
                failed("room message", failure, broadcast, true);
            }
            if (stateBearing) {
                saver.offer(room.name, message.data(), failure == null ? published.seq() : 0);
            }
        });
    }

    /** Sends {@code frame} from "server" to every member of the room in the cluster; returns how many there are. */
    int push(String roomName, String frame, String data, boolean stateBearing) {
        ClusterMessage broadcast = new ClusterMessage(Kind.BROADCAST, roomName, 0, node, "server", "", frame);
        CompletableFuture<Cluster.Published> pushed = cluster.publishToRoom(broadcast, false).toCompletableFuture();
        try {
            Cluster.Published published = pushed.get(5, TimeUnit.SECONDS);
            if (stateBearing) {
                saver.offer(roomName, data, published.seq());
                if (published.count() == 0) {
                    saver.roomEmptied(roomName);
                }
            }
            return published.count();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing to room " + roomName, e);
        } catch (Exception e) {
            int local = rooms.size(roomName);
            failed("push", e, broadcast, true);
            if (stateBearing) {
                saver.offer(roomName, data, 0);
                if (local == 0) {
                    saver.roomEmptied(roomName);
                }
            }
            return local;
        }
    }

    private void noSuchMember(Client client, String room, String to) {
        engine.error(client, ErrorCode.NO_SUCH_MEMBER, "no member " + to + " in room " + room);
    }

    // ---- the state hand-off ----

    /** A member's answer to {@code requestState}, sent to the newcomer's node, which checks it. */
    void answerState(Client client, Room room, Message message) {
        String target = nodeOf(message.forId());
        if (target == null) {
            return;
        }
        boolean stateBearing = message.data() != null && saver.isStateBearing(message.action());
        String frame = Rooms.stateFrame(room, message.data(), "peer");
        ClusterMessage answer = new ClusterMessage(Kind.STATE, room.name, 0, node, client.id, message.forId(), frame);
        cluster.sendToNode(target, answer, message.hasData()).whenComplete((published, failure) -> {
            if (failure != null) {
                failed("state answer", failure, answer, target.equals(node));
            }
            if (stateBearing) {
                saver.offer(room.name, message.data(), failure == null ? published.seq() : 0);
            }
        });
    }

    /** Asks the most active member not yet asked, wherever it is; the store answers when none is left. */
    private void askNext(Room room, Handoff handoff) {
        members(room.name).thenAccept(order -> {
            String asked = null;
            synchronized (room) {
                if (room.handoffs().get(handoff.newcomer.id) != handoff || handoff.current != null) {
                    return;
                }
                for (MemberInfo member : order) {
                    if (!member.id().equals(handoff.newcomer.id) && !handoff.asked.contains(member.id())) {
                        asked = member.id();
                        break;
                    }
                }
                if (asked == null) {
                    room.handoffs().remove(handoff.newcomer.id);
                } else {
                    String candidate = asked;
                    handoff.asked.add(candidate);
                    handoff.current = candidate;
                    handoff.timeout = scheduler.schedule(stateTimeoutNanos, () -> stateTimedOut(room, handoff, candidate));
                }
            }
            if (asked == null) {
                rooms.stateFromStore(room, handoff.newcomer);
                return;
            }
            String target = nodeOf(asked);
            ClusterMessage request = new ClusterMessage(Kind.REQUEST_STATE, room.name, 0, node, handoff.newcomer.id,
                    asked, "");
            cluster.sendToNode(target, request, false).whenComplete((published, lost) -> {
                if (lost != null) {
                    failed("state request", lost, request, target.equals(node));
                }
            });
        });
    }

    private void stateTimedOut(Room room, Handoff handoff, String asked) {
        synchronized (room) {
            if (room.handoffs().get(handoff.newcomer.id) != handoff || !asked.equals(handoff.current)) {
                return;
            }
            handoff.timeout = null;
            handoff.current = null;
        }
        askNext(room, handoff);
    }

    // ---- what the cluster delivers ----

    @Override
    public void onMessage(ClusterMessage message) {
        try {
            switch (message.kind()) {
                case BROADCAST, JOINED, LEFT -> onRoomEntry(message);
                case DIRECT -> onDirect(message);
                case REQUEST_STATE -> onRequestState(message);
                case STATE -> onState(message);
                case NO_SUCH_MEMBER -> onNoSuchMember(message);
            }
        } catch (RuntimeException e) {
            log.error("could not handle a {} for room {} from node {}", message.kind(), message.room(),
                    message.origin(), e);
        }
    }

    private void onRoomEntry(ClusterMessage entry) {
        Room room = rooms.find(entry.room());
        if (room == null) {
            return;
        }
        Batch batch = new Batch();
        List<Handoff> reask = new ArrayList<>(0);
        synchronized (room) {
            if (room.isClosed()) {
                return;
            }
            if (room.pendingJoins > 0 && room.backlog.size() < MAX_BACKLOG) {
                room.backlog.add(entry);
            }
            if (!(entry.kind() == Kind.LEFT && engine.isStopping())) {
                String frame = entry.frame();
                String from = entry.member();
                room.forEach(m -> {
                    if (!m.client.id.equals(from)) {
                        batch.send(m.client, frame);
                    }
                });
            }
            if (entry.kind() == Kind.LEFT) {
                for (Handoff handoff : room.handoffs().values()) {
                    if (entry.member().equals(handoff.current)) {
                        handoff.cancel();
                        handoff.current = null;
                        reask.add(handoff);
                    }
                }
            }
        }
        batch.flush();
        for (Handoff handoff : reask) {
            askNext(room, handoff);
        }
    }

    private void onDirect(ClusterMessage direct) {
        Member target = localMember(direct.room(), direct.other());
        if (target != null) {
            engine.send(target.client, direct.frame());
            return;
        }
        String sender = nodeOf(direct.member());
        if (sender != null) {
            cluster.sendToNode(sender, new ClusterMessage(Kind.NO_SUCH_MEMBER, direct.room(), 0, node,
                    direct.other(), direct.member(), ""), false);
        }
    }

    private void onNoSuchMember(ClusterMessage refusal) {
        Client sender = engine.client(refusal.other());
        if (sender != null) {
            noSuchMember(sender, refusal.room(), refusal.member());
        }
    }

    private void onRequestState(ClusterMessage request) {
        Member asked = localMember(request.room(), request.other());
        if (asked != null) {
            engine.send(asked.client, Frame.of("requestState").str("room", request.room())
                    .str("for", request.member()).build());
        }
    }

    private void onState(ClusterMessage answer) {
        Room room = rooms.find(answer.room());
        if (room == null) {
            return;
        }
        Batch batch = new Batch();
        synchronized (room) {
            Handoff handoff = room.handoffs().get(answer.other());
            if (handoff == null || !answer.member().equals(handoff.current) || handoff.newcomer.room != room) {
                log.debug("ignoring a late or unsolicited state from {} for {}", answer.member(), answer.other());
                return;
            }
            handoff.cancel();
            room.handoffs().remove(answer.other());
            batch.send(handoff.newcomer, answer.frame());
        }
        batch.flush();
    }

    private Member localMember(String roomName, String id) {
        Room room = rooms.find(roomName);
        if (room == null) {
            return null;
        }
        synchronized (room) {
            return room.find(id);
        }
    }

    @Override
    public void onResyncNeeded() {
        Map<String, List<MemberInfo>> local = new LinkedHashMap<>();
        rooms.forEachRoom(room -> {
            synchronized (room) {
                if (!room.isClosed() && room.size() > 0) {
                    local.put(room.name, room.members());
                }
            }
        });
        log.info("cluster link is back: re-registering {} local room(s) with the cluster", local.size());
        cluster.resync(local).whenComplete((done, failure) -> {
            if (failure != null) {
                log.warn("could not re-register this node's members yet: {}", failure.toString());
            } else if (degraded.compareAndSet(true, false)) {
                log.info("cluster reachable again: rooms are shared across nodes again");
            }
        });
    }

    // ---- views ----

    /** The room's members across the cluster; this node's own while the cluster is away. */
    CompletionStage<List<MemberInfo>> members(String name) {
        return cluster.members(name).handle((members, failure) -> {
            if (failure == null) {
                return members;
            }
            unreachable("member list", failure);
            Room room = rooms.find(name);
            if (room == null) {
                return List.of();
            }
            synchronized (room) {
                return room.members();
            }
        });
    }

    /** Rooms with members across the cluster; this node's own while the cluster is away. */
    CompletionStage<List<RoomSummary>> summaries(java.util.function.Supplier<List<RoomSummary>> local) {
        return cluster.rooms().handle((summaries, failure) -> {
            if (failure == null) {
                return summaries;
            }
            unreachable("room list", failure);
            return local.get();
        });
    }

    /**
     * A cluster operation failed: counts it and, when it certainly did not run and {@code message} was
     * for this node's own members, delivers it here, so that they are served while the cluster is away.
     */
    private void failed(String what, Throwable failure, ClusterMessage message, boolean forThisNode) {
        unreachable(what, failure);
        if (forThisNode && notDone(failure)) {
            onMessage(message);
        }
    }

    /**
     * Whether a failed cluster operation was certainly not carried out, so that this node must do
     * its local part itself. A time-out may still be carried out: doing it here too would deliver
     * twice.
     */
    private static boolean notDone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClusterUnavailableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private void unreachable(String what, Throwable failure) {
        engine.stats().clusterFailures.increment();
        if (degraded.compareAndSet(false, true)) {
            log.warn("cluster unreachable ({} failed: {}); serving this node's members alone until it is back",
                    what, failure.toString());
        }
    }
}
