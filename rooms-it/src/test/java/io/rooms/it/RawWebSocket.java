package io.rooms.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a bare socket, for frames no well-behaved client library will send: invalid
 * UTF-8, or half a frame followed by a vanished peer.
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawWebSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) WsProbe.WAIT.toMillis());
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        String key = Base64.getEncoder().encodeToString("rooms-raw-client".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine(in);
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!readLine(in).isEmpty()) {
            // headers
        }
    }

    /** One line of an HTTP head, without its CR LF. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Sends one masked text frame with these exact payload bytes. */
    void sendTextBytes(byte[] payload) throws IOException {
        out.write(maskedTextFrame(payload));
        out.flush();
    }

    /** A client's text frame: final, masked, with these exact payload bytes. */
    static byte[] maskedTextFrame(byte[] payload) {
        byte[] header = frameHeader(0x1, payload.length);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[header.length + mask.length + payload.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(mask, 0, frame, header.length, mask.length);
        for (int i = 0; i < payload.length; i++) {
            frame[header.length + mask.length + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /** Announces a text frame of {@code announced} bytes, sends only {@code sent} of them, and vanishes. */
    void sendPartialFrameAndVanish(int announced, int sent) throws IOException {
        out.write(frameHeader(0x1, announced));
        out.write(new byte[] {0, 0, 0, 0});
        out.write(new byte[sent]);
        out.flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static byte[] frameHeader(int opcode, int length) {
        if (length < 126) {
            return new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | length)};
        }
        return new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (length >> 8), (byte) length};
    }

    /** Reads frames until a close frame, and returns its status code. */
    int awaitCloseCode() throws IOException {
        while (true) {
            ServerFrame frame = readFrame(in);
            if ((frame.first() & 0x0f) == 0x8) {
                byte[] payload = frame.payload();
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    /** A frame from the server: its first byte (FIN and opcode) and its unmasked payload. */
    record ServerFrame(int first, byte[] payload) {}

    /** Reads one unmasked frame, as a server sends them. */
    static ServerFrame readFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        long length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new ServerFrame(first, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
