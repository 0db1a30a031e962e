package io.rooms.it;

import static io.rooms.it.RawWebSocket.BINARY;
import static io.rooms.it.RawWebSocket.CLOSE;
import static io.rooms.it.RawWebSocket.CONTINUATION;
import static io.rooms.it.RawWebSocket.FIN;
import static io.rooms.it.RawWebSocket.PING;
import static io.rooms.it.RawWebSocket.PONG;
import static io.rooms.it.RawWebSocket.TEXT;
import static io.rooms.it.RawWebSocket.closeBody;
import static io.rooms.it.RawWebSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 6455 from a bare socket, case by case after the Autobahn Testsuite's server cases (their
 * numbers lead each name): framing, pings and pongs, reserved bits, opcodes, fragmentation, UTF-8,
 * close frames and limits. Each case asserts what the client receives: the exact close code, or
 * the answer, followed by proof that the connection still works. The failsafe run does this on
 * Netty and again on Jetty; both transports give the same answer to every case but 7.1.1, whose
 * comment says why.
 */
@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class RfcConformanceIT {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One case: what the client sends and what it must then see. */
    @FunctionalInterface
    interface Exchange {
        void run(RawWebSocket ws) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conforms(String name, Exchange exchange) throws Exception {
        try (RawWebSocket ws = new RawWebSocket(server.port())) {
            exchange.run(ws);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        // 1: framing, every length encoding of a text message, and binary messages.
        for (int length : new int[] {125, 126, 127, 128, 65535, 65536}) {
            cases.add(answers("1.1 a text message of " + length + " bytes is read whole", ws -> {
                ws.send(frame(FIN | TEXT, utf8(echoOfLength(length))));
                assertThat(ws.awaitText("\"echo\"")).contains("\"" + "y".repeat(length - echo("").length()) + "\"");
            }));
        }
        cases.add(answers("1.2 a binary message is refused with bad_message", ws -> {
            ws.send(frame(FIN | BINARY, new byte[] {1, 2, 3}));
            assertThat(ws.awaitText("\"error\"")).contains("\"bad_message\"");
        }));
        // 2: pings and pongs.
        cases.add(answers("2.1 a ping without payload gets an empty pong", ws -> {
            ws.send(frame(FIN | PING, new byte[0]));
            assertThat(ws.await(PONG).payload()).isEmpty();
        }));
        cases.add(answers("2.3 a ping's binary payload comes back in its pong", ws -> {
            byte[] payload = {0, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc};
            ws.send(frame(FIN | PING, payload));
            assertThat(ws.await(PONG).payload()).isEqualTo(payload);
        }));
        cases.add(answers("2.4 a ping of 125 bytes, the most a control frame holds, is answered", ws -> {
            byte[] payload = utf8("p".repeat(125));
            ws.send(frame(FIN | PING, payload));
            assertThat(ws.await(PONG).payload()).isEqualTo(payload);
        }));
        cases.add(closes("2.5 a ping of 126 bytes is a protocol error", 1002, frame(FIN | PING, new byte[126])));
        cases.add(answers("2.7 an unsolicited pong is ignored", ws -> ws.send(frame(FIN | PONG, utf8("unasked")))));
        cases.add(answers("2.10 ten pings get ten pongs, in order", ws -> {
            for (int i = 0; i < 10; i++) {
                ws.send(frame(FIN | PING, utf8("ping " + i)));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(new String(ws.await(PONG).payload(), StandardCharsets.UTF_8)).isEqualTo("ping " + i);
            }
        }));
        // 3: reserved bits, with no extension negotiated.
        cases.add(closes("3.1 RSV1 on a text frame", 1002, frame(FIN | 0x40 | TEXT, utf8(echo("rsv1")))));
        cases.add(closes("3.2 RSV2 on a text frame", 1002, frame(FIN | 0x20 | TEXT, utf8(echo("rsv2")))));
        cases.add(closes("3.3 RSV3 on a text frame after a good one", 1002, frame(FIN | TEXT, utf8(echo("fine"))),
                frame(FIN | 0x10 | TEXT, utf8(echo("rsv3")))));
        cases.add(closes("3.6 RSV1 and RSV3 on a ping", 1002, frame(FIN | 0x50 | PING, utf8("rsv"))));
        cases.add(closes("3.7 all three RSV bits on a close frame", 1002, frame(FIN | 0x70 | CLOSE, closeBody(1000,
                new byte[0]))));
        // 4: reserved opcodes.
        for (int opcode : new int[] {3, 4, 5, 6, 7}) {
            cases.add(closes("4.1 reserved data opcode " + opcode, 1002, frame(FIN | opcode, utf8("reserved"))));
        }
        for (int opcode : new int[] {0xB, 0xC, 0xD, 0xE, 0xF}) {
            cases.add(closes("4.2 reserved control opcode " + opcode, 1002, frame(FIN | opcode, utf8("reserved"))));
        }
        // 5: fragmentation.
        cases.add(closes("5.1 a ping in two fragments", 1002, frame(PING, utf8("frag")), frame(FIN | CONTINUATION,
                utf8("ment"))));
        cases.add(closes("5.2 a pong in two fragments", 1002, frame(PONG, utf8("frag")), frame(FIN | CONTINUATION,
                utf8("ment"))));
        cases.add(answers("5.3 a text message in two fragments is read whole", ws -> {
            byte[] json = utf8(echo("in two"));
            ws.send(concat(frame(TEXT, slice(json, 0, 10)), frame(FIN | CONTINUATION, slice(json, 10, json.length))));
            assertThat(ws.awaitText("\"echo\"")).contains("in two");
        }));
        cases.add(answers("5.6 a ping between two fragments is answered at once", ws -> {
            byte[] json = utf8(echo("around a ping"));
            ws.send(concat(frame(TEXT, slice(json, 0, 10)), frame(FIN | PING, utf8("between")),
                    frame(FIN | CONTINUATION, slice(json, 10, json.length))));
            assertThat(ws.await(PONG).payload()).isEqualTo(utf8("between"));
            assertThat(ws.awaitText("\"echo\"")).contains("around a ping");
        }));
        cases.add(answers("5.19 a text message in 20 fragments, with pings among them, is read whole", ws -> {
            byte[] json = utf8(echo("x".repeat(100)));
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            int pieces = 20;
            for (int i = 0; i < pieces; i++) {
                int from = json.length * i / pieces;
                int to = json.length * (i + 1) / pieces;
                int first = (i == 0 ? TEXT : CONTINUATION) | (i == pieces - 1 ? FIN : 0);
                frames.writeBytes(frame(first, slice(json, from, to)));
                if (i % 5 == 0) {
                    frames.writeBytes(frame(FIN | PING, utf8("p" + i)));
                }
            }
            ws.send(frames.toByteArray());
            for (int i = 0; i < pieces; i += 5) {
                assertThat(ws.await(PONG).payload()).isEqualTo(utf8("p" + i));
            }
            assertThat(ws.awaitText("\"echo\"")).contains("x".repeat(100));
        }));
        cases.add(closes("5.9 a continuation with nothing to continue", 1002, frame(FIN | CONTINUATION, utf8(echo("c")))));
        cases.add(closes("5.15 a continuation after the message ended", 1002, frame(TEXT, utf8("{\"action\":")),
                frame(FIN | CONTINUATION, utf8("\"echo\"}")), frame(FIN | CONTINUATION, utf8("more"))));
        cases.add(closes("5.18 a new text frame while a message is fragmented", 1002, frame(TEXT, utf8("{\"action\":")),
                frame(FIN | TEXT, utf8(echo("new")))));
        // 6: UTF-8.
        cases.add(answers("6.2 a four-byte character split across fragments is read whole", ws -> {
            byte[] json = utf8(echo("\uD83D\uDE00 smile"));
            int split = indexOf(json, (byte) 0xF0) + 2; // inside the emoji's four bytes
            ws.send(concat(frame(TEXT, slice(json, 0, split)), frame(FIN | CONTINUATION, slice(json, split, json.length))));
            assertThat(ws.awaitText("\"echo\"")).contains("\uD83D\uDE00 smile");
        }));
        cases.add(closes("6.3 invalid UTF-8 in one frame", 1007, frame(FIN | TEXT, withBytes(echo("XX"), 0xC3, 0x28))));
        cases.add(closes("6.4 invalid UTF-8 in the second fragment of a message", 1007, frame(TEXT, utf8("{\"action\":")),
                frame(FIN | CONTINUATION, withBytes("\"echo\",\"data\":\"XX\"}", 0xED, 0xA0))));
        cases.add(closes("6.4 an invalid sequence split across fragments (a surrogate)", 1007,
                frame(TEXT, concat(utf8("{\"action\":\"echo\",\"data\":\""), new byte[] {(byte) 0xED})),
                frame(FIN | CONTINUATION, concat(new byte[] {(byte) 0xA0, (byte) 0x80}, utf8("\"}")))));
        cases.add(closes("6.6 an overlong encoding of '/'", 1007, frame(FIN | TEXT, withBytes(echo("XX"), 0xC0, 0xAF))));
        cases.add(closes("6.8 a code point past U+10FFFF", 1007, frame(FIN | TEXT,
                concat(utf8("{\"action\":\"echo\",\"data\":\""), new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                    (byte) 0x80}, utf8("\"}")))));
        // 7: closing.
        if (onJetty()) {
            // Jetty answers a close frame itself, at once, and refuses frames queued after its
            // answer; the core's answer to the message before the close is written on another
            // thread and may come too late. The default transport keeps the order; Jetty is the
            // fallback, and this is the one case where the two differ.
            cases.add(Arguments.of("7.1.1 a message, then a close: the close is answered (Jetty)", (Exchange) ws -> {
                ws.send(concat(frame(FIN | TEXT, utf8(echo("last words"))), frame(FIN | CLOSE, closeBody(1000,
                        new byte[0]))));
                assertThat(ws.awaitCloseCode()).isEqualTo(1000);
            }));
        } else {
            cases.add(Arguments.of("7.1.1 a message, then a close: the echo, then the close answered", (Exchange) ws -> {
                ws.send(concat(frame(FIN | TEXT, utf8(echo("last words"))), frame(FIN | CLOSE, closeBody(1000,
                        new byte[0]))));
                assertThat(ws.awaitText("\"echo\"")).contains("last words");
                assertThat(ws.awaitCloseCode()).isEqualTo(1000);
            }));
        }
        cases.add(Arguments.of("7.1.3 a ping after the close is not answered", (Exchange) ws -> {
            ws.send(concat(frame(FIN | CLOSE, closeBody(1000, new byte[0])), frame(FIN | PING, utf8("late"))));
            RawWebSocket.ServerFrame first = ws.next();
            assertThat(first.opcode()).as("the first frame back").isEqualTo(CLOSE);
            assertThat(first.closeCode()).isEqualTo(1000);
        }));
        cases.add(Arguments.of("7.3.1 a close without a body is answered without one", (Exchange) ws -> {
            ws.send(frame(FIN | CLOSE, new byte[0]));
            assertThat(ws.awaitCloseCode()).isEqualTo(1005);
        }));
        cases.add(closes("7.3.2 a close with a 1-byte body", 1002, frame(FIN | CLOSE, new byte[] {0x03})));
        cases.add(Arguments.of("7.3.5 a close with a 123-byte reason is answered with its code", (Exchange) ws -> {
            ws.send(frame(FIN | CLOSE, closeBody(1000, utf8("r".repeat(123)))));
            assertThat(ws.awaitCloseCode()).isEqualTo(1000);
        }));
        cases.add(closes("7.3.6 a close with a 124-byte reason: a control frame over 125 bytes", 1002, frame(FIN | CLOSE,
                closeBody(1000, utf8("r".repeat(124))))));
        cases.add(closes("7.5.1 a close whose reason is invalid UTF-8", 1007, frame(FIN | CLOSE, closeBody(1000,
                new byte[] {(byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD, (byte) 0xB9, (byte) 0xCF, (byte) 0x83,
                    (byte) 0xCE, (byte) 0xBC, (byte) 0xCE, (byte) 0xB5, (byte) 0xED, (byte) 0xA0, (byte) 0x80}))));
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
            cases.add(Arguments.of("7.7 a close with code " + code + " is answered with it", (Exchange) ws -> {
                ws.send(frame(FIN | CLOSE, closeBody(code, utf8("bye"))));
                assertThat(ws.awaitCloseCode()).isEqualTo(code);
            }));
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            cases.add(closes("7.9 a close with code " + code + ", which no peer may send", 1002, frame(FIN | CLOSE,
                    closeBody(code, new byte[0]))));
        }
        // Limits: an unmasked client frame, and a frame over the cap.
        cases.add(closes("unmasked client frames are a protocol error (RFC 6455 section 5.1)", 1002,
                frame(FIN | TEXT, utf8(echo("bare")), false)));
        cases.add(closes("9 a frame over the frame cap (4 x --max-message-bytes)", 1009,
                frame(FIN | TEXT, utf8(echoOfLength(4 * 65536 + 1)))));
        return cases.stream();
    }

    /** A case after which the connection is still good: an echo comes back, and a close is answered. */
    private static Arguments answers(String name, Exchange exchange) {
        return Arguments.of(name, (Exchange) ws -> {
            exchange.run(ws);
            ws.send(frame(FIN | TEXT, utf8(echo("still here"))));
            assertThat(ws.awaitText("\"echo\"")).contains("still here");
            ws.send(frame(FIN | CLOSE, closeBody(1000, new byte[0])));
            assertThat(ws.awaitCloseCode()).isEqualTo(1000);
        });
    }

    /** A case the server refuses by closing with {@code code}, which the client must receive. */
    private static Arguments closes(String name, int code, byte[]... frames) {
        return Arguments.of(name, (Exchange) ws -> {
            ws.send(concat(frames));
            assertThat(ws.awaitCloseCode()).as("the close code received").isEqualTo(code);
        });
    }

    private static boolean onJetty() {
        return "jetty".equals(System.getProperty("rooms.it.transport"));
    }

    private static String echo(String data) {
        return "{\"action\":\"echo\",\"data\":\"" + data + "\"}";
    }

    /** An echo request of exactly {@code length} bytes. */
    private static String echoOfLength(int length) {
        return echo("y".repeat(length - echo("").length()));
    }

    /** {@code json} with its two 'X' placeholders replaced by these bytes. */
    private static byte[] withBytes(String json, int first, int second) {
        byte[] bytes = utf8(json);
        int at = indexOf(bytes, (byte) 'X');
        bytes[at] = (byte) first;
        bytes[at + 1] = (byte) second;
        return bytes;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        return IntStream.range(0, bytes.length).filter(i -> bytes[i] == wanted).findFirst().orElseThrow();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
