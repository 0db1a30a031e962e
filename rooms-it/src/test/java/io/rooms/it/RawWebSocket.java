package io.rooms.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a bare socket, for frames no well-behaved client library will send: invalid
 * UTF-8, reserved bits and opcodes, fragmented control frames, bad close frames, or half a frame
 * followed by a vanished peer.
 */
final class RawWebSocket implements AutoCloseable {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    static final int FIN = 0x80;
    /** What a client reports when the socket ended without a close frame (RFC 6455 section 7.1.5). */
    static final int NO_CLOSE_FRAME = 1006;

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
        send(maskedTextFrame(payload));
    }

    /** Sends these bytes as they are: one frame, several, or part of one. */
    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A client's text frame: final, masked, with these exact payload bytes. */
    static byte[] maskedTextFrame(byte[] payload) {
        return frame(FIN | TEXT, payload);
    }

    /** A masked frame whose first byte (FIN, RSV1-3, opcode) is {@code first}, with this payload. */
    static byte[] frame(int first, byte[] payload) {
        return frame(first, payload, true);
    }

    /** A frame as {@link #frame(int, byte[])}, masked or not. */
    static byte[] frame(int first, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.writeBytes(frameHeader(first, payload.length, masked));
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        if (masked) {
            frame.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        return frame.toByteArray();
    }

    /** A close frame's payload: the code, big-endian, and the reason's bytes. */
    static byte[] closeBody(int code, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return body;
    }

    /** Announces a text frame of {@code announced} bytes, sends only {@code sent} of them, and vanishes. */
    void sendPartialFrameAndVanish(int announced, int sent) throws IOException {
        out.write(frameHeader(FIN | TEXT, announced, true));
        out.write(new byte[] {0, 0, 0, 0});
        out.write(new byte[sent]);
        out.flush();
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static byte[] frameHeader(int first, long length, boolean masked) {
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            return new byte[] {(byte) first, (byte) (maskBit | length)};
        }
        if (length <= 0xffff) {
            return new byte[] {(byte) first, (byte) (maskBit | 126), (byte) (length >> 8), (byte) length};
        }
        byte[] header = new byte[10];
        header[0] = (byte) first;
        header[1] = (byte) (maskBit | 127);
        for (int i = 0; i < 8; i++) {
            header[9 - i] = (byte) (length >> (8 * i));
        }
        return header;
    }

    /**
     * Reads frames until a close frame, and returns its status code: 1005 for a close frame without
     * one, {@link #NO_CLOSE_FRAME} when the socket ended (or was reset) before any close frame came.
     */
    int awaitCloseCode() throws IOException {
        try {
            while (true) {
                ServerFrame frame = next();
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException | SocketException ended) {
            return NO_CLOSE_FRAME;
        }
    }

    /** Reads frames until one with {@code opcode}; fails on a close frame or the end of the socket. */
    ServerFrame await(int opcode) throws IOException {
        while (true) {
            ServerFrame frame = next();
            if (frame.opcode() == opcode) {
                return frame;
            }
            if (frame.opcode() == CLOSE) {
                throw new AssertionError("closed with " + frame.closeCode() + " while waiting for opcode " + opcode);
            }
        }
    }

    /** Reads text frames until one contains {@code marker}, and returns it. */
    String awaitText(String marker) throws IOException {
        while (true) {
            String text = new String(await(TEXT).payload(), StandardCharsets.UTF_8);
            if (text.contains(marker)) {
                return text;
            }
        }
    }

    /** Whether the server has shut down its side: the next read finds the end of the stream. */
    boolean atEndOfStream() throws IOException {
        return in.read() == -1;
    }

    /** The next frame from the server. */
    ServerFrame next() throws IOException {
        return readFrame(in);
    }

    /** A frame from the server: its first byte (FIN, RSV and opcode) and its unmasked payload. */
    record ServerFrame(int first, byte[] payload) {
        int opcode() {
            return first & 0x0f;
        }

        /** A close frame's code, or 1005 when it carries none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

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
