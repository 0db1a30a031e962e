package io.rooms.cluster.redis;

import io.lettuce.core.RedisURI;
import io.rooms.ResumeSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node talks to Redis.
 *
 * @param uri {@code redis://HOST:PORT} (or {@code rediss://} for TLS) for one Redis, or
 *     {@code redis-sentinel://HOST:PORT,HOST:PORT,HOST:PORT#MASTER} for the master that Redis Sentinel
 *     names {@code MASTER}; the nodes follow it through a failover
 * @param keyPrefix what every key and channel of this cluster starts with
 * @param heartbeat how often a node says it is alive and looks for dead ones
 * @param nodeTimeout a node silent this long is taken for dead and its members removed
 * @param commandTimeout how long one command may take before it fails
 * @param resume how many events each room keeps, and how long, for members that resume; and how
 *     long an ended session can be resumed
 */
public record RedisClusterSettings(URI uri, String keyPrefix, Duration heartbeat, Duration nodeTimeout,
        Duration commandTimeout, ResumeSettings resume) {

    public static final String DEFAULT_PREFIX = "rooms:";

    public RedisClusterSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(nodeTimeout, "nodeTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(resume, "resume");
        checkUri(uri);
        if (keyPrefix.contains("|")) {
            throw new IllegalArgumentException("the key prefix must not contain '|'");
        }
        if (nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("nodeTimeout must be at least two heartbeats");
        }
    }

    private static void checkUri(URI uri) {
        String expected = "expected redis://HOST:PORT or redis-sentinel://HOST:PORT[,HOST:PORT...]#MASTER";
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "redis", "rediss" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException(expected + ", got " + uri);
                }
            }
            case "redis-sentinel", "rediss-sentinel" -> {
                RedisURI parsed;
                try {
                    parsed = RedisURI.create(uri);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(expected + ", got " + uri, e);
                }
                if (parsed.getSentinels().isEmpty() || parsed.getSentinelMasterId() == null
                        || parsed.getSentinelMasterId().isBlank()) {
                    throw new IllegalArgumentException(expected + " (the sentinels and the master's name), got " + uri);
                }
            }
            default -> throw new IllegalArgumentException(expected + ", got " + uri);
        }
    }

    /** The URI as logs and messages show it: without a password. */
    public String where() {
        return uri.toString().replaceFirst("//[^/@]*@", "//");
    }

    /** 1 s heartbeats, dead after 3 s, 2 s per command. */
    public static RedisClusterSettings of(URI uri) {
        return new RedisClusterSettings(uri, DEFAULT_PREFIX, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(2), ResumeSettings.DEFAULTS);
    }

    public RedisClusterSettings withHeartbeat(Duration beat, Duration timeout) {
        return new RedisClusterSettings(uri, keyPrefix, beat, timeout, commandTimeout, resume);
    }

    public RedisClusterSettings withKeyPrefix(String value) {
        return new RedisClusterSettings(uri, value, heartbeat, nodeTimeout, commandTimeout, resume);
    }

    public RedisClusterSettings withResume(ResumeSettings value) {
        return new RedisClusterSettings(uri, keyPrefix, heartbeat, nodeTimeout, commandTimeout, value);
    }
}
