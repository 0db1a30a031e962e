package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The opening handshake on a bare socket, whichever transport carries the frames after it: Rooms
 * answers a valid one itself when it hands the socket to Netty, so these check that answer against
 * RFC 6455, and that what it does not take goes on to Jetty's standard answers.
 */
@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class HandshakeIT {
    /** RFC 6455 section 1.3's example key, and the accept value the RFC gives for it. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static String handshake(int port, String key, String version) {
        return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: "
                + version + "\r\n\r\n";
    }

    @Test
    void theAnswerCarriesTheRfcAcceptKeyAndAFrameSentRightBehindTheHandshakeIsRead() throws Exception {
        try (TestServer server = new TestServer(); Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) WsProbe.WAIT.toMillis());
            // The handshake and a first frame in one write: the server reads both at once, before
            // it has answered, and the frame must not be lost in the hand-over.
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(handshake(server.port(), KEY, "13").getBytes(StandardCharsets.US_ASCII));
            both.write(RawWebSocket.maskedTextFrame("{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
            socket.getOutputStream().write(both.toByteArray());
            socket.getOutputStream().flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<String> head = readHead(in);
            assertThat(head.get(0)).startsWith("HTTP/1.1 101 ");
            assertThat(head).anyMatch(line -> line.equalsIgnoreCase("Sec-WebSocket-Accept: " + ACCEPT))
                    .anyMatch(line -> line.equalsIgnoreCase("Upgrade: websocket"))
                    .noneMatch(line -> line.toLowerCase().startsWith("sec-websocket-extensions"));
            assertThat(readTextsUntil(in, "\"pong\"")).last().asString().contains("\"action\":\"pong\"");
        }
    }

    @Test
    void anUnsupportedVersionOrAMissingKeyIsRefusedNotUpgraded() throws Exception {
        try (TestServer server = new TestServer()) {
            String noKey = handshake(server.port(), KEY, "13").replace("Sec-WebSocket-Key: " + KEY + "\r\n", "");
            for (String request : List.of(handshake(server.port(), KEY, "8"), noKey)) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    socket.setSoTimeout((int) WsProbe.WAIT.toMillis());
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    String status = readHead(new DataInputStream(socket.getInputStream())).get(0);
                    assertThat(status).as(request).startsWith("HTTP/1.1 4");
                }
            }
            try (WsProbe client = server.client()) { // and the endpoint still works
                client.send("{\"action\":\"echo\",\"data\":1}");
                assertThat(client.await("echo").get("data").asInt()).isEqualTo(1);
            }
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = RawWebSocket.readLine(in); !line.isEmpty(); line = RawWebSocket.readLine(in)) {
            lines.add(line);
        }
        return lines;
    }

    /** Reads unmasked server text frames until one contains {@code marker}; all of them, in order. */
    private static List<String> readTextsUntil(DataInputStream in, String marker) throws IOException {
        List<String> texts = new ArrayList<>();
        while (texts.isEmpty() || !texts.get(texts.size() - 1).contains(marker)) {
            RawWebSocket.ServerFrame frame = RawWebSocket.readFrame(in);
            assertThat(frame.first()).as("a final text frame").isEqualTo(0x81);
            texts.add(new String(frame.payload(), StandardCharsets.UTF_8));
        }
        return texts;
    }
}
