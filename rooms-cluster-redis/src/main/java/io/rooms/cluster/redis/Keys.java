package io.rooms.cluster.redis;

/**
 * The names of this module's keys and channels, so that each operation touches one hash slot and a
 * Redis Cluster can spread rooms over its shards. Every name starts with the cluster's prefix, and a
 * hash tag says which slot it lives in:
 * <ul>
 *   <li>a room's keys and its channel share the tag {@code {room}} (room names are
 *       {@code [A-Za-z0-9._-]}, so they never hold a brace);</li>
 *   <li>the nodes' liveness and numbering share {@code {nodes}}, and each node's rooms are tagged
 *       {@code {node:N}};</li>
 *   <li>a session is tagged with its id, a member's live session with the member's id;</li>
 *   <li>room sizes are kept in {@value #SIZE_BUCKETS} buckets, each its own tag, so that no shard
 *       takes every join.</li>
 * </ul>
 * docs/cluster.md lists every key, which operation touches it, and on which shard. Immutable.
 */
final class Keys {
    /** How many hashes the room sizes are spread over. */
    static final int SIZE_BUCKETS = 16;

    private final String prefix;

    Keys(String prefix) {
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("the key prefix must not contain '{' or '}'");
        }
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /**
     * A room's keys, in the order the room scripts read them ({@code room.lua}): its members by
     * activity, their details, their presence, its last sequence number, its history, and the node
     * serving each member.
     */
    String[] room(String room) {
        String base = prefix + "{" + room + "}:";
        return new String[] {base + "order", base + "info", base + "meta", base + "seq", base + "history", base + "nodes"};
    }

    /** A room's keys and, last, the refs one session had accepted in it. */
    String[] roomWithRefs(String room, String session) {
        String[] keys = java.util.Arrays.copyOf(room(room), 7);
        keys[6] = refs(room, session);
        return keys;
    }

    /** The refs session {@code session} had accepted in {@code room}: a set, for a resume on another node. */
    String refs(String room, String session) {
        return prefix + "{" + room + "}:refs:" + session;
    }

    /** A room's channel: its events, and the events for one of its members (hand-offs, removals, direct messages). */
    String roomChannel(String room) {
        return prefix + "{" + room + "}";
    }

    /**
     * The nodes' keys, in the order {@code beat.lua} reads them: the deadline of each live node's
     * heartbeat (a sorted set), the last node number given out, the nodes whose members are being
     * removed (a set), and when a beat or a reap last ran (Redis's clock, ms).
     */
    String[] nodes() {
        return new String[] {beats(), nodeSeq(), deadNodes(), lastSeen()};
    }

    /** When a beat or a reap last ran: a longer silence was Redis's, not the nodes' ({@code liveness.lua}). */
    String lastSeen() {
        return prefix + "{nodes}:seen";
    }

    String beats() {
        return prefix + "{nodes}:beats";
    }

    String nodeSeq() {
        return prefix + "{nodes}:seq";
    }

    String deadNodes() {
        return prefix + "{nodes}:dead";
    }

    /** The rooms node {@code node} has, or may have, members in: written before each of its joins. */
    String nodeRooms(String node) {
        return prefix + "{node:" + node + "}:rooms";
    }

    /** A node's channel: answers to the control requests it asked. */
    String nodeChannel(String node) {
        return prefix + "node:" + node;
    }

    /** The channel every node hears: requests to disconnect a user. */
    String controlChannel() {
        return prefix + "control";
    }

    String session(String id) {
        return prefix + "session:{" + id + "}";
    }

    /** The live session of member {@code id}, so that the survivors of its node can end it. */
    String memberSession(String id) {
        return prefix + "member:{" + id + "}:session";
    }

    /** The bucket of room sizes that {@code room} is counted in: its sizes, and the number each size was taken at. */
    String[] sizes(String room) {
        return sizeBucket(Math.floorMod(room.hashCode(), SIZE_BUCKETS));
    }

    String[] sizeBucket(int bucket) {
        String base = prefix + "sizes:{" + bucket + "}";
        return new String[] {base, base + ":seq"};
    }
}
