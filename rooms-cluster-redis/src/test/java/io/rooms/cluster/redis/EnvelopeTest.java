package io.rooms.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rooms.spi.ClusterMessage;
import io.rooms.spi.ClusterMessage.Kind;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void readsEveryFieldAndKeepsBarsInTheFrame() {
        ClusterMessage message = Envelope.parse("B|board|1732312345678901|n2|n2-1a||{\"action\":\"move\",\"data\":\"a|b\"}");
        assertThat(message).isEqualTo(new ClusterMessage(Kind.BROADCAST, "board", 1732312345678901L, "n2", "n2-1a", "",
                "{\"action\":\"move\",\"data\":\"a|b\"}"));
    }

    @Test
    void everyKindRoundTripsThroughItsCode() {
        for (Kind kind : Kind.values()) {
            assertThat(Envelope.kind(Envelope.code(kind))).isEqualTo(kind);
        }
    }

    @Test
    void somethingNoNodeWroteIsRefusedWithAReason() {
        assertThatThrownBy(() -> Envelope.parse("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an envelope");
        assertThatThrownBy(() -> Envelope.parse("B|r|x|n1|m||{}")).hasMessageContaining("sequence");
        assertThatThrownBy(() -> Envelope.parse("Z|r|1|n1|m||{}")).hasMessageContaining("kind");
    }
}
