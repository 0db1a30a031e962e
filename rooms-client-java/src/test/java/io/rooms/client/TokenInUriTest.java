package io.rooms.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenInUriTest {
    @Test
    void theTokenIsOneQueryValueWhateverItHolds() {
        URI uri = Connector.withToken(URI.create("ws://127.0.0.1:8080/ws?app=board"), "a&b=c d+é");

        assertThat(uri.getRawQuery()).startsWith("app=board&token=");
        String value = uri.getRawQuery().substring("app=board&token=".length());
        assertThat(value).doesNotContain("&", "=", " ");
        assertThat(URLDecoder.decode(value, StandardCharsets.UTF_8)).isEqualTo("a&b=c d+é");
    }

    @Test
    void withoutATokenTheUriIsLeftAlone() {
        URI uri = URI.create("ws://127.0.0.1:8080/ws");
        assertThat(Connector.withToken(uri, null)).isSameAs(uri);
        assertThat(Connector.withToken(uri, "t").toString()).isEqualTo("ws://127.0.0.1:8080/ws?token=t");
    }
}
