package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.server.ServerSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class HeartbeatIT {

    @Test
    void aClientThatKeepsItsConnectionButNeverAnswersPingsIsDropped() {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--ping-interval-ms", "300"));
                WsProbe alive = server.joined("beat");
                WsProbe silent = WsProbe.connect(server.ws(), false, null)) {
            String silentId = silent.join("beat").get("id").asText();
            assertThat(alive.await("memberLeft").get("id").asText()).isEqualTo(silentId);
            assertThat(silent.awaitClose()).isEqualTo(1001);
            alive.send("{\"action\":\"echo\",\"data\":1}");
            alive.await("echo");
            assertThat(alive.isOpen()).isTrue();
        }
    }
}
