package io.rooms.transport.javalin;

import io.rooms.spi.Connection;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link Connection} over a Jetty WebSocket {@link Session}. Sends are asynchronous and
 * report their outcome through the returned stage. Thread-safe, as Jetty's session is.
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
    private final String id;

    JettyConnection(Session session, String id) {
        this.session = session;
        // Jetty's core session takes a batch flag, which its public Session API does not offer.
        this.core = ((WebSocketSession) session).getCoreSession();
        this.id = id;
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

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletionStage<Void> send(String text) {
        return send(text, false);
    }

    /** With {@code batch}, Jetty keeps the frame in its buffer until a frame without it, and writes them in one go. */
    @Override
    public CompletionStage<Void> send(String text, boolean batch) {
        Outcome outcome = new Outcome();
        core.sendFrame(new Frame(OpCode.TEXT).setPayload(LAST_ENCODED.get().payload(text)), outcome, batch);
        return outcome;
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
                log.debug("close of {} failed: {}", id, failure.toString())));
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public SocketAddress remoteAddress() {
        return session.getRemoteSocketAddress();
    }
}
