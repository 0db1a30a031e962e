package io.rooms.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rooms.spi.MemberInfo;
import io.rooms.spi.BusEvent;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void readsEveryKindWithItsFields() {
        assertThat(Envelope.parse("{\"k\":\"S\",\"r\":\"board\",\"s\":\"1732312345678901\",\"m\":\"n2-1a\",\"a\":\"move\",\"d\":\"{\\\"x\\\":\\\"a|b\\\"}\"}"))
                .isEqualTo(new BusEvent.Said("board", 1732312345678901L, "n2-1a", "move", "{\"x\":\"a|b\"}", null, false));
        assertThat(Envelope.parse("{\"k\":\"J\",\"r\":\"b\",\"s\":\"7\",\"m\":\"n2-1\",\"i\":\"{\\\"id\\\":\\\"n2-1\\\",\\\"name\\\":\\\"A\\\",\\\"color\\\":\\\"#000000\\\"}\"}"))
                .isEqualTo(new BusEvent.Joined("b", 7, new MemberInfo("n2-1", "A", "#000000")));
        assertThat(Envelope.parse("{\"k\":\"L\",\"r\":\"b\",\"s\":\"8\",\"m\":\"n2-1\"}"))
                .isEqualTo(new BusEvent.Left("b", 8, "n2-1"));
        assertThat(Envelope.parse("{\"k\":\"D\",\"r\":\"b\",\"s\":\"9\",\"m\":\"n2-1\",\"t\":\"n1-3\",\"a\":\"talkToRoom\"}"))
                .isEqualTo(new BusEvent.Said("b", 9, "n2-1", "talkToRoom", null, "n1-3", false));
        assertThat(Envelope.parse("{\"k\":\"A\",\"r\":\"b\",\"s\":\"10\",\"m\":\"n1-3\",\"t\":\"n2-1\"}"))
                .isEqualTo(new BusEvent.StateAsked("b", "n1-3", "n2-1"));
        assertThat(Envelope.parse("{\"k\":\"G\",\"r\":\"b\",\"s\":\"11\",\"m\":\"n2-1\",\"t\":\"n1-3\",\"d\":\"[]\"}"))
                .isEqualTo(new BusEvent.StateGiven("b", 11, "n2-1", "n1-3", "[]", false));
    }

    @Test
    void somethingNoNodeWroteIsRefusedWithAReason() {
        assertThatThrownBy(() -> Envelope.parse("B|r|1|n1|m||{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an event");
        assertThatThrownBy(() -> Envelope.parse("{\"k\":\"S\",\"r\":\"r\",\"s\":\"x\",\"m\":\"n1-1\",\"a\":\"a\"}"))
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> Envelope.parse("{\"k\":\"Z\",\"r\":\"r\",\"s\":\"1\",\"m\":\"n1-1\"}"))
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> Envelope.parse("{\"k\":\"D\",\"r\":\"r\",\"s\":\"1\",\"m\":\"n1-1\",\"a\":\"a\"}"))
                .hasMessageContaining("lacks");
    }
}
