package io.rooms.transport.javalin;

import io.rooms.spi.Connection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link Connection} over a Jetty WebSocket {@link Session}. Sends are asynchronous and
 * report their outcome to the caller's {@link Connection.Sent}. Thread-safe, as Jetty's session is.
 */
final class JettyConnection implements Connection {
    private static final Logger log = LoggerFactory.getLogger(JettyConnection.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** The last frame this thread encoded: a broadcast's frame goes to every recipient in a row. */
    private static final ThreadLocal<Encoded> LAST_ENCODED = ThreadLocal.withInitial(Encoded::new);

    /** One frame's text and its UTF-8 bytes, encoded once and shared by its recipients. */
    private static final class Encoded {
        private String text;
        private byte[] utf8;

        ByteBuffer payload(String frame) {
            if (frame != text) { // identity: the same broadcast, not merely equal text
                utf8 = frame.getBytes(StandardCharsets.UTF_8);
                text = frame;
            }
            return ByteBuffer.wrap(utf8);
        }
    }

    private final Session session;
    private final CoreSession core;
    /** Jetty's connection, written to directly when no extension is negotiated; else null. */
    private final WebSocketConnection wire;
    JettyConnection(Session session) {
        this.session = session;
        // Jetty's core session takes a batch flag, which its public Session API does not offer.
        this.core = ((WebSocketSession) session).getCoreSession();
        this.wire = core instanceof WebSocketCoreSession coreSession && core.getNegotiatedExtensions().isEmpty()
                ? coreSession.getConnection() : null;
    }

    /** A send's outcome: completes when Jetty wrote the frame, fails when it could not. */
    private static final class Outcome extends CompletableFuture<Void> implements Callback,
            org.eclipse.jetty.util.Callback {
        @Override
        public void succeed() {
            complete(null);
        }

        @Override
        public void fail(Throwable cause) {
            completeExceptionally(cause);
        }

        @Override
        public void succeeded() {
            complete(null);
        }

        @Override
        public void failed(Throwable cause) {
            completeExceptionally(cause);
        }
    }

    /**
     * Every frame but the last is marked {@code batch}: Jetty keeps it in its buffer until the last,
     * and writes them in one go. Only the last carries a callback, which reports the series; Jetty
     * completes its frames in order and fails every queued one when a write fails, so the last
     * one's outcome is the series'. One callback per series, none per frame.
     */
    @Override
    public void send(List<String> texts, long tag, Sent sent) {
        int count = texts.size();
        if (count == 0) {
            sent.written(0, tag);
            return;
        }
        for (int i = 0; i < count - 1; i++) {
            enqueue(texts.get(i), org.eclipse.jetty.util.Callback.NOOP, true);
        }
        enqueue(texts.get(count - 1), new SeriesWritten(count, tag, sent), false);
    }

    /** A series' report, as the callback of its last frame. */
    private record SeriesWritten(int frames, long tag, Sent sent) implements org.eclipse.jetty.util.Callback {
        @Override
        public void succeeded() {
            sent.written(frames, tag);
        }

        @Override
        public void failed(Throwable cause) {
            sent.failed(tag, cause);
        }
    }

    /**
     * Hands one text frame to Jetty. With no extension negotiated (Rooms declines them all), the
     * frame goes straight to the connection's frame flusher, which orders it with Jetty's own
     * control frames and refuses it once a close frame was queued; the session's layers above
     * (its own flusher, the extension stack and the fragmenting flusher, each an iterating
     * callback per frame) would only pass it along.
     */
    private void enqueue(String text, org.eclipse.jetty.util.Callback callback, boolean batch) {
        Frame frame = new Frame(OpCode.TEXT).setPayload(LAST_ENCODED.get().payload(text));
        if (wire != null) {
            wire.enqueueFrame(new OutgoingEntry.Builder(frame, callback).batch(batch).build());
        } else {
            core.sendFrame(frame, callback, batch);
        }
    }

    @Override
    public CompletionStage<Void> ping() {
        Outcome outcome = new Outcome();
        session.sendPing(EMPTY.duplicate(), outcome);
        return outcome;
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.from(() -> { }, failure ->
                log.debug("close of a socket failed: {}", failure.toString())));
    }

    /**
     * Jetty is closing the socket after an error (a refused frame): its end lingers, so that a
     * client still writing gets the close frame, and is cut off in time if it goes on.
     */
    void refused() {
        if (core instanceof WebSocketCoreSession coreSession
                && coreSession.getConnection().getEndPoint() instanceof LingeringEndPoint endPoint) {
            endPoint.refused();
        }
    }
}
