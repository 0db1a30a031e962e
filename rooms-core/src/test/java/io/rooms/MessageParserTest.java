package io.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageParserTest {
    private final MessageParser parser = new MessageParser(65536);

    @Test
    void readsActionRoomToForAndData() {
        Message message = parser.parse("{\"action\":\"state\",\"room\":\"r1\",\"to\":\"a\",\"for\":\"b\",\"data\":{\"x\":1}}")
                .message();
        assertThat(message).isEqualTo(new Message("state", "r1", "a", "b", "{\"x\":1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ \"a\" : [1, 2, {\"b\":null}] }", "\"he said \\\"hi\\\" \\u00e9\"", "-12.5e3", "true",
            "null", "[]", "\"\"", "123"})
    void keepsDataExactlyAsSent(String data) {
        Message message = parser.parse("{\"data\":" + data + ",\"action\":\"move\"}").message();
        assertThat(message.data()).isEqualTo(data);
    }

    @Test
    void absentDataIsNull() {
        assertThat(parser.parse("{\"action\":\"echo\"}").message().data()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"action\":", "{\"action\":\"a\"} trailing", "{\"action\":\"a\"}{}", "",
            "{'action':'a'}"})
    void textThatIsNotOneJsonValueIsBadJson(String text) {
        assertThat(parser.parse(text).error()).isEqualTo(ErrorCode.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"echo\"", "42", "null", "{}", "{\"action\":\"\"}", "{\"action\":7}",
            "{\"action\":null}", "{\"action\":{\"x\":1}}", "{\"action\":\"talkToRoom\",\"to\":5}"})
    void jsonThatIsNotAValidMessageIsBadMessage(String text) {
        assertThat(parser.parse(text).error()).isEqualTo(ErrorCode.BAD_MESSAGE);
    }

    @Test
    void aNonStringRoomIsBadRoom() {
        assertThat(parser.parse("{\"action\":\"newClient\",\"room\":[1]}").error()).isEqualTo(ErrorCode.BAD_ROOM);
    }

    @Test
    void deepNestingIsRefusedAsBadJsonWithoutOverflowingTheStack() {
        String deep = "{\"action\":\"a\",\"data\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThat(parser.parse(deep).error()).isEqualTo(ErrorCode.BAD_JSON);
    }

    @Test
    void absurdlyLongNumbersAreBadJson() {
        assertThat(parser.parse("{\"action\":\"a\",\"data\":" + "9".repeat(5000) + "}").error())
                .isEqualTo(ErrorCode.BAD_JSON);
    }
}
