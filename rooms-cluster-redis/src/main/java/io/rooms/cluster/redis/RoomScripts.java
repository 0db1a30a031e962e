package io.rooms.cluster.redis;

import io.lettuce.core.ScriptOutputType;
import java.util.concurrent.CompletionStage;

/**
 * Runs the scripts that work on one room ({@code room.lua} and the one named): on the room's keys,
 * with the arguments every one of them reads first (the history kept, the resume window, whether the
 * room's channel is a shard channel, the channel, and the room), then its own. Immutable and thread-safe.
 */
final class RoomScripts {
    private final Pipeline redis;
    private final Keys keys;
    private final String history;
    private final String window;
    private final String sharded;

    RoomScripts(Pipeline redis, Keys keys, RedisClusterSettings settings) {
        this.redis = redis;
        this.keys = keys;
        this.history = Integer.toString(settings.resume().historySize());
        this.window = Long.toString(Math.max(1, settings.resume().window().toMillis()));
        this.sharded = settings.isRedisCluster() ? "1" : "0";
    }

    <T> CompletionStage<T> run(Script script, ScriptOutputType type, String room, String... args) {
        return script.run(redis, type, keys.room(room), withCommon(room, args));
    }

    /** As {@link #run}, declaring also the set of refs that {@code session} had accepted in the room. */
    <T> CompletionStage<T> runWithRefs(Script script, ScriptOutputType type, String room, String session,
            String... args) {
        return script.run(redis, type, keys.roomWithRefs(room, session), withCommon(room, args));
    }

    private String[] withCommon(String room, String[] args) {
        String[] all = new String[args.length + 5];
        all[0] = history;
        all[1] = window;
        all[2] = sharded;
        all[3] = keys.roomChannel(room);
        all[4] = room;
        System.arraycopy(args, 0, all, 5, args.length);
        return all;
    }
}
