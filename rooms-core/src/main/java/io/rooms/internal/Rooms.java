package io.rooms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.ErrorCode;
import io.rooms.MemberInfo;
import io.rooms.Message;
import io.rooms.RoomSummary;
import io.rooms.RoomView;
import io.rooms.spi.Cluster;
import io.rooms.spi.Scheduler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms of one server and everything that changes their membership: join, leave, relay, the
 * state hand-off to newcomers and server pushes. Each room is changed only under its own monitor;
 * frames are queued there and written after it is released. Thread-safe.
 */
final class Rooms {
    private static final Logger log = LoggerFactory.getLogger(Rooms.class);
    private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final ObjectMapper PROFILE_READER = new ObjectMapper();

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final Engine engine;
    private final StateSaver saver;
    private final Scheduler scheduler;
    private final int maxRoomSize;
    private final int maxRooms;
    private final long stateTimeoutNanos;
    private final Federation federation;

    /** @param cluster the other nodes, or null for a server on its own */
    Rooms(Engine engine, StateSaver saver, Scheduler scheduler, int maxRoomSize, int maxRooms, long stateTimeoutNanos,
            Cluster cluster) {
        this.engine = engine;
        this.saver = saver;
        this.scheduler = scheduler;
        this.maxRoomSize = maxRoomSize;
        this.maxRooms = maxRooms;
        this.stateTimeoutNanos = stateTimeoutNanos;
        this.federation = cluster == null ? null
                : new Federation(cluster, this, engine, saver, scheduler, maxRoomSize, stateTimeoutNanos);
    }

    /** What the cluster delivers to; null on a server of its own. */
    Cluster.Listener clusterListener() {
        return federation;
    }

    Room find(String name) {
        return rooms.get(name);
    }

    /** Members of the room on this node. */
    int size(String name) {
        Room room = rooms.get(name);
        return room == null ? 0 : room.size();
    }

    void forEachRoom(java.util.function.Consumer<Room> action) {
        rooms.values().forEach(action);
    }

    static boolean isValidName(String room) {
        return room != null && ROOM_NAME.matcher(room).matches();
    }

    int count() {
        return rooms.size();
    }

    void join(Client client, Message message) {
        String name = message.room();
        if (!isValidName(name)) {
            engine.error(client, ErrorCode.BAD_ROOM, "room names match [A-Za-z0-9._-]{1,64}");
            return;
        }
        if (!applyProfile(client, message.data())) {
            return;
        }
        Room current = client.room;
        if (current != null && current.name.equals(name)) {
            rejoin(client, current);
            return;
        }
        leave(client);
        if (federation != null) {
            Room room = acquireForJoin(client, name);
            if (room != null) {
                federation.join(client, room);
            }
            return;
        }
        while (true) {
            Room room = rooms.get(name);
            if (room == null) {
                if (rooms.size() >= maxRooms) {
                    roomLimit(client);
                    return;
                }
                room = rooms.computeIfAbsent(name, Room::new);
            }
            if (enter(client, room)) {
                return;
            }
        }
    }

    private void roomLimit(Client client) {
        engine.error(client, ErrorCode.ROOM_LIMIT, "the server has reached its limit of " + maxRooms + " rooms");
    }

    /** In a cluster: the open room {@code name}, counting one more join on the way; null past the room limit. */
    private Room acquireForJoin(Client client, String name) {
        while (true) {
            Room room = rooms.get(name);
            if (room == null) {
                if (rooms.size() >= maxRooms) {
                    roomLimit(client);
                    return null;
                }
                room = rooms.computeIfAbsent(name, federation::open);
            }
            synchronized (room) {
                if (!room.isClosed()) {
                    room.pendingJoins++;
                    return room;
                }
            }
        }
    }

    /** Closes a room that nobody is in or joining; call under its lock. True when it was closed. */
    boolean closeIfDeserted(Room room) {
        if (room.isClosed() || !room.isDeserted()) {
            return false;
        }
        room.close();
        if (federation != null) {
            federation.closed(room); // unsubscribe before a joiner can open the room anew and subscribe
        }
        rooms.remove(room.name, room);
        return true;
    }

    /** Puts the client in {@code room}; false when the room was closed meanwhile and must be taken anew. */
    private boolean enter(Client client, Room room) {
        Batch batch = new Batch();
        boolean joined = false;
        boolean fallback = false;
        synchronized (room) {
            if (room.isClosed()) {
                return false;
            }
            if (maxRoomSize > 0 && room.size() >= maxRoomSize) {
                batch.send(client, Frame.of("roomFull").str("room", room.name).num("max", maxRoomSize).build());
            } else {
                MemberInfo info = new MemberInfo(client.id, client.name, client.color);
                client.member = room.add(client, info);
                client.room = room;
                client.joinedOnce = true;
                joined = true;
                batch.send(client, joinedFrame(room, info, room.members()));
                String announce = joinedAnnouncement(room, info);
                room.forEach(m -> {
                    if (m.client != client) {
                        batch.send(m.client, announce);
                    }
                });
                if (room.size() == 1) {
                    fallback = true;
                } else {
                    Handoff handoff = new Handoff(client);
                    room.handoffs().put(client.id, handoff);
                    fallback = askNext(room, handoff, batch);
                }
            }
        }
        batch.flush();
        if (joined) {
            engine.joined(client);
        }
        if (fallback) {
            stateFromStore(room, client);
        }
        return true;
    }

    private void rejoin(Client client, Room room) {
        Batch batch = new Batch();
        synchronized (room) {
            if (client.room == room) {
                batch.send(client, joinedFrame(room, client.member.info, room.members()));
            }
        }
        batch.flush();
    }

    static String joinedFrame(Room room, MemberInfo self, List<MemberInfo> members) {
        return Frame.of("joined").str("room", room.name).str("id", self.id()).str("name", self.name())
                .str("color", self.color()).members("members", members).build();
    }

    static String joinedAnnouncement(Room room, MemberInfo info) {
        return Frame.of("memberJoined").str("room", room.name).str("id", info.id()).str("name", info.name())
                .str("color", info.color()).build();
    }

    static String leftFrame(String room, String id) {
        return Frame.of("memberLeft").str("room", room).str("id", id).build();
    }

    /** Leaves the client's room, if any; true when it was in one. */
    boolean leave(Client client) {
        Room room = client.room;
        if (room == null) {
            return false;
        }
        Batch batch = new Batch();
        List<Client> fallbacks = new ArrayList<>(0);
        boolean emptied = false;
        synchronized (room) {
            if (client.room != room) {
                return false;
            }
            room.remove(client.member);
            client.room = null;
            client.member = null;
            Handoff own = room.handoffs().remove(client.id);
            if (own != null) {
                own.cancel();
            }
            if (federation == null) {
                if (!engine.isStopping()) {
                    String left = leftFrame(room.name, client.id);
                    room.forEach(m -> batch.send(m.client, left));
                }
                for (Handoff handoff : new ArrayList<>(room.handoffs().values())) {
                    if (client.id.equals(handoff.current)) {
                        handoff.cancel();
                        if (askNext(room, handoff, batch)) {
                            fallbacks.add(handoff.newcomer);
                        }
                    }
                }
            }
            emptied = closeIfDeserted(room);
        }
        batch.flush();
        if (federation != null) {
            federation.left(room, client.id);
        }
        for (Client newcomer : fallbacks) {
            stateFromStore(room, newcomer);
        }
        if (emptied) {
            saver.roomEmptied(room.name);
        }
        return true;
    }

    /** Relays a room message to the rest of the room, or to its {@code to}. */
    void relay(Client client, Message message) {
        Room room = client.room;
        if (room == null) {
            engine.error(client, ErrorCode.NOT_IN_ROOM, "join a room first");
            return;
        }
        String frame = relayFrame(message.action(), room.name, message.data(), client.id);
        Batch batch = new Batch();
        ErrorCode refusal = null;
        synchronized (room) {
            if (client.room != room) {
                refusal = ErrorCode.NOT_IN_ROOM; // left or moved while this message was on its way
            } else {
                if (message.hasData()) {
                    room.promote(client.member);
                }
                if (federation != null) {
                    // delivered through the room's stream, below
                } else if (message.to() != null) {
                    Member target = room.find(message.to());
                    if (target == null) {
                        refusal = ErrorCode.NO_SUCH_MEMBER;
                    } else {
                        batch.send(target.client, frame);
                    }
                } else {
                    room.forEach(m -> {
                        if (m.client != client) {
                            batch.send(m.client, frame);
                        }
                    });
                    if (message.data() != null && saver.isStateBearing(message.action())) {
                        saver.offer(room.name, message.data());
                    }
                }
            }
        }
        batch.flush();
        if (refusal == null && federation != null) {
            federation.relay(client, room, message, frame);
        } else if (refusal == ErrorCode.NOT_IN_ROOM) {
            engine.error(client, refusal, "join a room first");
        } else if (refusal == ErrorCode.NO_SUCH_MEMBER) {
            engine.error(client, refusal, "no member " + message.to() + " in room " + room.name);
        }
    }

    private static String relayFrame(String action, String room, String data, String from) {
        Frame frame = Frame.of(action, data).str("room", room);
        if (data != null) {
            frame.raw("data", data);
        }
        return frame.str("from", from).build();
    }

    /** The {@code state} a newcomer gets, answered by a member ("peer") or loaded ("store"). */
    static String stateFrame(Room room, String data, String source) {
        return Frame.of("state", data).str("room", room.name).raw("data", data).str("source", source).build();
    }

    /** A member's answer to {@code requestState}: forwarded to the newcomer if it is the one awaited. */
    void answerState(Client client, Message message) {
        Room room = client.room;
        if (room == null) {
            engine.error(client, ErrorCode.NOT_IN_ROOM, "join a room first");
            return;
        }
        if (message.forId() == null) {
            engine.error(client, ErrorCode.BAD_MESSAGE, "a state answer needs \"for\", the newcomer's id");
            return;
        }
        if (federation != null) {
            synchronized (room) {
                if (client.room != room) {
                    return;
                }
                if (message.hasData()) {
                    room.promote(client.member);
                }
            }
            federation.answerState(client, room, message);
            return;
        }
        Batch batch = new Batch();
        synchronized (room) {
            Handoff handoff = room.handoffs().get(message.forId());
            if (client.room != room || handoff == null || !client.id.equals(handoff.current)) {
                log.debug("ignoring a late or unsolicited state from {} for {}", client.id, message.forId());
                return;
            }
            handoff.cancel();
            room.handoffs().remove(message.forId());
            if (message.hasData()) {
                room.promote(client.member);
            }
            batch.send(handoff.newcomer, stateFrame(room, message.data(), "peer"));
            if (message.data() != null && saver.isStateBearing(message.action())) {
                saver.offer(room.name, message.data());
            }
        }
        batch.flush();
    }

    /** Sends {@code action} with {@code data} to every member, from "server"; returns how many got it. */
    int push(String roomName, String action, String data) {
        String frame = relayFrame(action, roomName, data, "server");
        boolean stateBearing = data != null && saver.isStateBearing(action);
        if (federation != null) {
            return federation.push(roomName, frame, data, stateBearing);
        }
        Room room = rooms.get(roomName);
        Batch batch = new Batch();
        int recipients = 0;
        if (room != null) {
            synchronized (room) {
                if (!room.isClosed()) {
                    room.forEach(m -> batch.send(m.client, frame));
                    recipients = room.size();
                    if (stateBearing) {
                        saver.offer(roomName, data);
                    }
                }
            }
        }
        batch.flush();
        if (recipients == 0 && stateBearing) {
            saver.offer(roomName, data);
            saver.roomEmptied(roomName);
        }
        return recipients;
    }

    CompletionStage<List<RoomSummary>> summaries() {
        if (federation != null) {
            return federation.summaries(this::localSummaries);
        }
        return CompletableFuture.completedFuture(localSummaries());
    }

    private List<RoomSummary> localSummaries() {
        List<RoomSummary> list = new ArrayList<>();
        rooms.forEach((name, room) -> {
            int size = room.size();
            if (size > 0) {
                list.add(new RoomSummary(name, size));
            }
        });
        list.sort(Comparator.comparing(RoomSummary::room));
        return list;
    }

    CompletionStage<Optional<RoomView>> view(String name) {
        if (federation != null) {
            return federation.members(name).thenCompose(members -> viewOf(name, members));
        }
        Room room = rooms.get(name);
        List<MemberInfo> members = List.of();
        if (room != null) {
            synchronized (room) {
                members = room.members();
            }
        }
        return viewOf(name, members);
    }

    private CompletionStage<Optional<RoomView>> viewOf(String name, List<MemberInfo> members) {
        return saver.latest(name).thenApply(state -> members.isEmpty() && state.isEmpty()
                ? Optional.empty()
                : Optional.of(new RoomView(name, members, state.orElse(null))));
    }

    /** Asks the most active member not yet asked; true when nobody is left and the store must answer. */
    private boolean askNext(Room room, Handoff handoff, Batch batch) {
        Member candidate = room.mostActive();
        while (candidate != null
                && (candidate.client == handoff.newcomer || handoff.asked.contains(candidate.client.id))) {
            candidate = candidate.next;
        }
        if (candidate == null) {
            room.handoffs().remove(handoff.newcomer.id);
            return true;
        }
        Client asked = candidate.client;
        handoff.asked.add(asked.id);
        handoff.current = asked.id;
        batch.send(asked, Frame.of("requestState").str("room", room.name).str("for", handoff.newcomer.id).build());
        handoff.timeout = scheduler.schedule(stateTimeoutNanos, () -> stateTimedOut(room, handoff, asked));
        return false;
    }

    private void stateTimedOut(Room room, Handoff handoff, Client asked) {
        Batch batch = new Batch();
        boolean fallback;
        synchronized (room) {
            if (room.handoffs().get(handoff.newcomer.id) != handoff || !asked.id.equals(handoff.current)) {
                return;
            }
            handoff.timeout = null;
            fallback = askNext(room, handoff, batch);
        }
        batch.flush();
        if (fallback) {
            stateFromStore(room, handoff.newcomer);
        }
    }

    void stateFromStore(Room room, Client newcomer) {
        saver.latest(room.name).whenComplete((state, failure) -> {
            if (failure != null) {
                log.warn("could not load the saved state of room {}: {}", room.name, failure.toString());
                return;
            }
            if (state.isEmpty()) {
                return;
            }
            String frame = stateFrame(room, state.get(), "store");
            Batch batch = new Batch();
            synchronized (room) {
                if (newcomer.room == room) {
                    batch.send(newcomer, frame);
                }
            }
            batch.flush();
        });
    }

    /** Applies an optional {@code {"name":..,"color":..}} from newClient's data; false after an error. */
    private boolean applyProfile(Client client, String data) {
        if (data == null || !data.startsWith("{")) {
            return true;
        }
        JsonNode profile;
        try {
            profile = PROFILE_READER.readTree(data);
        } catch (IOException e) {
            return true; // already validated as JSON by the parser; cannot happen
        }
        JsonNode name = profile.get("name");
        JsonNode color = profile.get("color");
        if (name != null && !name.isNull()) {
            String text = name.isTextual() ? name.asText().strip() : "";
            if (text.isEmpty() || text.length() > 32) {
                engine.error(client, ErrorCode.BAD_MESSAGE, "name must be a string of 1 to 32 characters");
                return false;
            }
            client.name = text;
        }
        if (color != null && !color.isNull()) {
            if (!color.isTextual() || !COLOR.matcher(color.asText()).matches()) {
                engine.error(client, ErrorCode.BAD_MESSAGE, "color must look like #1a2b3c");
                return false;
            }
            client.color = color.asText();
        }
        return true;
    }
}
