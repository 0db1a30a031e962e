package io.rooms.cluster.redis;

import io.rooms.ResumeSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node talks to Redis.
 *
 * @param uri {@code redis://HOST:PORT}
 * @param keyPrefix what every key and channel of this cluster starts with
 * @param heartbeat how often a node says it is alive and looks for dead ones
 * @param nodeTimeout a node silent this long is taken for dead and its members removed
 * @param commandTimeout how long one command may take before it fails
 * @param resume how many events each room keeps, and how long, for members that resume; and how
 *     long an ended session can be resumed
 */
public record RedisBusSettings(URI uri, String keyPrefix, Duration heartbeat, Duration nodeTimeout,
        Duration commandTimeout, ResumeSettings resume) {

    public static final String DEFAULT_PREFIX = "rooms:";

    public RedisBusSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(nodeTimeout, "nodeTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(resume, "resume");
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected redis://HOST:PORT, got " + uri);
        }
        if (keyPrefix.contains("|")) {
            throw new IllegalArgumentException("the key prefix must not contain '|'");
        }
        if (nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("nodeTimeout must be at least two heartbeats");
        }
    }

    /** 1 s heartbeats, dead after 3 s, 2 s per command. */
    public static RedisBusSettings of(URI uri) {
        return new RedisBusSettings(uri, DEFAULT_PREFIX, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(2), ResumeSettings.DEFAULTS);
    }

    public RedisBusSettings withHeartbeat(Duration beat, Duration timeout) {
        return new RedisBusSettings(uri, keyPrefix, beat, timeout, commandTimeout, resume);
    }

    public RedisBusSettings withKeyPrefix(String value) {
        return new RedisBusSettings(uri, value, heartbeat, nodeTimeout, commandTimeout, resume);
    }

    public RedisBusSettings withResume(ResumeSettings value) {
        return new RedisBusSettings(uri, keyPrefix, heartbeat, nodeTimeout, commandTimeout, value);
    }
}
