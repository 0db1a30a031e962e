package io.rooms.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {
    private final AtomicInteger connections = new AtomicInteger();
    private final HandshakeGate gate = new HandshakeGate(List.of("https://app.example.com"), 3, connections::get);

    @Test
    void nonBrowserClientsWithoutOriginAreAdmitted() {
        assertThat(gate.admit(null, "rooms.example.com:7070", false)).isNull();
    }

    @Test
    void theServersOwnOriginIsAdmittedWhateverTheCase() {
        assertThat(gate.admit("http://Rooms.Example.com:7070", "rooms.example.com:7070", false)).isNull();
        assertThat(gate.admit("https://rooms.example.com", "rooms.example.com", true)).isNull();
    }

    @Test
    void anAllowedOriginIsAdmittedAndAForeignOneIs403() {
        assertThat(gate.admit("https://app.example.com", "rooms.example.com", true)).isNull();
        assertThat(gate.admit("https://evil.example.com", "rooms.example.com", true).status()).isEqualTo(403);
        assertThat(gate.admit("http://rooms.example.com:7071", "rooms.example.com:7070", false).status()).isEqualTo(403);
        assertThat(gate.admit("https://rooms.example.com:7070", "rooms.example.com:7070", false).status())
                .as("same host and port but another scheme").isEqualTo(403);
        assertThat(gate.admit("null", "rooms.example.com", false).status()).isEqualTo(403);
    }

    @Test
    void aStarAllowsAnyOrigin() {
        HandshakeGate open = new HandshakeGate(List.of("*"), 3, connections::get);
        assertThat(open.admit("https://anywhere.example", "rooms.example.com", true)).isNull();
    }

    @Test
    void pastTheCapAndWhileStoppingHandshakesAre503() {
        connections.set(3);
        assertThat(gate.admit(null, "h", false).status()).isEqualTo(503);
        connections.set(0);
        gate.stop();
        assertThat(gate.admit(null, "h", false).status()).isEqualTo(503);
        assertThat(gate.isStopping()).isTrue();
    }
}
