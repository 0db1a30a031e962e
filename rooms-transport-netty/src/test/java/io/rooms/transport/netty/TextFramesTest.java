package io.rooms.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFramesTest {

    /** What a client reads: Netty's decoder for unmasked frames, as a browser receives them. */
    private static List<String> decode(ByteBuf wire) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        client.writeInbound(wire);
        List<String> texts = new ArrayList<>();
        for (Object frame = client.readInbound(); frame != null; frame = client.readInbound()) {
            TextWebSocketFrame text = (TextWebSocketFrame) frame;
            assertThat(text.isFinalFragment()).isTrue();
            texts.add(text.text());
            text.release();
        }
        client.finishAndReleaseAll();
        return texts;
    }

    @Test
    void aSeriesOfEveryLengthClassIsReadBackInOrder() {
        String broadcast = "{\"action\":\"message\",\"n\":1}";
        List<String> texts = List.of(
                "",
                broadcast,
                new String(broadcast),             // equal text, another broadcast
                "{\"action\":\"message\"}",
                "x".repeat(125),                  // the longest 7-bit length
                "é".repeat(63),                   // 126 bytes of UTF-8 in 63 chars: a 16-bit length
                "y".repeat(65_535),               // the longest 16-bit length
                "z".repeat(65_536),               // a 64-bit length
                "snowman \u2603 and pile of poo \uD83D\uDCA9",
                broadcast);                       // the same broadcast again: encoded once, written twice

        assertThat(decode(TextFrames.encode(ByteBufAllocator.DEFAULT, texts))).isEqualTo(texts);
    }

    @Test
    void theHeaderCarriesTheUtf8LengthNotTheCharCount() {
        ByteBuf wire = TextFrames.encode(ByteBufAllocator.DEFAULT, List.of("ü"));
        try {
            assertThat(wire.readableBytes()).isEqualTo(2 + 2);
            assertThat((int) wire.getUnsignedByte(0)).isEqualTo(0x81);   // FIN, text
            assertThat((int) wire.getUnsignedByte(1)).isEqualTo(2);      // unmasked, two bytes
        } finally {
            wire.release();
        }
    }
}
