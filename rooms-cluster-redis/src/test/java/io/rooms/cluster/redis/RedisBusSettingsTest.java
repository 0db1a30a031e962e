package io.rooms.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedisClusterSettingsTest {
    @Test
    void takesOneRedisOrTheMasterSentinelNames() {
        assertThat(RedisClusterSettings.of(URI.create("redis://127.0.0.1:6379")).uri().getPort()).isEqualTo(6379);
        assertThat(RedisClusterSettings.of(URI.create("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379#rooms"))
                .where()).isEqualTo("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379#rooms");
        assertThat(RedisClusterSettings.of(URI.create("redis-sentinel://10.0.0.1:26379?sentinelMasterId=rooms"))).isNotNull();
    }

    @Test
    void refusesASentinelUriWithoutTheMastersNameAndOtherSchemes() {
        assertThatThrownBy(() -> RedisClusterSettings.of(URI.create("redis-sentinel://10.0.0.1:26379")))
                .hasMessageContaining("#MASTER");
        assertThatThrownBy(() -> RedisClusterSettings.of(URI.create("http://10.0.0.1:6379"))).hasMessageContaining("redis://");
    }

    @Test
    void logsAndMessagesNeverShowThePassword() {
        assertThat(RedisClusterSettings.of(URI.create("redis://:sekret@127.0.0.1:6379")).where())
                .isEqualTo("redis://127.0.0.1:6379");
    }
}
