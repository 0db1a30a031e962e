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
 *     names {@code MASTER}; the nodes follow it through a failover; or
 *     {@code redis-cluster://HOST:PORT,HOST:PORT,...} for a Redis Cluster (7 or later) found from any
 *     of those nodes, over which the rooms are sharded (docs/cluster.md)
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
        if (keyPrefix.contains("|") || keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("the key prefix must not contain '|', '{' or '}'");
        }
        if (nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("nodeTimeout must be at least two heartbeats");
        }
    }

    private static void checkUri(URI uri) {
        String expected = "expected redis://HOST:PORT, redis-sentinel://HOST:PORT[,HOST:PORT...]#MASTER or"
                + " redis-cluster://HOST:PORT[,HOST:PORT...]";
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
            case "redis-cluster", "rediss-cluster" -> {
                try {
                    clusterNodes(uri);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(expected + ", got " + uri, e);
                }
            }
            default -> throw new IllegalArgumentException(expected + ", got " + uri);
        }
    }

    /** Whether the rooms are sharded over a Redis Cluster ({@code redis-cluster://}). */
    public boolean isRedisCluster() {
        return uri.getScheme().endsWith("-cluster");
    }

    /** The nodes a {@code redis-cluster://} URI names, each with its password and TLS when the URI has them. */
    static java.util.List<RedisURI> clusterNodes(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw new IllegalArgumentException("no HOST:PORT");
        }
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String user = authority.substring(0, at);
            password = java.net.URLDecoder.decode(user.substring(user.indexOf(':') + 1), java.nio.charset.StandardCharsets.UTF_8);
            authority = authority.substring(at + 1);
        }
        java.util.List<RedisURI> nodes = new java.util.ArrayList<>();
        for (String hostPort : authority.split(",", -1)) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("not HOST:PORT: '" + hostPort + "'");
            }
            RedisURI.Builder node = RedisURI.Builder.redis(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))).withSsl(uri.getScheme().startsWith("rediss"));
            if (password != null && !password.isEmpty()) {
                node.withPassword(password.toCharArray());
            }
            nodes.add(node.build());
        }
        return nodes;
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
