package io.rooms.internal;

import io.rooms.ActionHandler;
import io.rooms.ErrorCode;
import io.rooms.Message;
import io.rooms.RoomSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's frames on their way in: the size and rate limits, the parse, and the dispatch to the
 * action's handler, one message at a time per client. Messages that arrive while the client's join
 * is on its way to the bus are held, and dispatched after it on a flush thread. Thread-safe.
 */
final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final Engine engine;
    private final RoomSettings settings;
    private final MessageParser parser;
    private final Map<String, ActionHandler> actions;
    private final ActionHandler fallback = (context, message) -> context.relay(message);
    private final Stats stats;
    private final Executor flusher;
    /** The message being dispatched on this thread: its ref, and whether it earned an error. */
    private static final ThreadLocal<Dispatching> CURRENT = new ThreadLocal<>();

    private static final class Dispatching {
        final String ref;
        boolean refused;
        boolean deferred;

        Dispatching(String ref) {
            this.ref = ref;
        }
    }

    /**
     * The ref of the message being dispatched on this thread, or null; marks it refused, since this
     * is asked for the error it earned.
     */
    static String refusedRef() {
        Dispatching current = CURRENT.get();
        if (current == null) {
            return null;
        }
        current.refused = true;
        return current.ref;
    }

    /**
     * Takes over the acknowledgement of the message being dispatched on this thread: its handler
     * answers later, with {@link Frames#ack} or an error carrying the ref. Returns the ref, or null.
     */
    static String deferAck() {
        Dispatching current = CURRENT.get();
        if (current == null || current.ref == null) {
            return null;
        }
        current.deferred = true;
        return current.ref;
    }

    Intake(Engine engine, RoomSettings settings, MessageParser parser, Map<String, ActionHandler> actions, Stats stats,
            Executor flusher) {
        this.engine = engine;
        this.settings = settings;
        this.parser = parser;
        this.actions = actions;
        this.stats = stats;
        this.flusher = flusher;
    }

    void onText(Client client, String text) {
        long now = engine.now();
        client.lastSeen = now;
        stats.messagesIn.increment();
        if (client.isGone()) {
            return;
        }
        if (isTooLarge(text)) {
            engine.error(client, ErrorCode.TOO_LARGE, "messages are limited to " + settings.maxMessageBytes() + " bytes");
            return;
        }
        switch (client.limiter.acquire(now)) {
            case PASS -> { }
            case DROP_SILENTLY -> {
                return;
            }
            case DROP_AND_TELL -> {
                engine.error(client, ErrorCode.RATE_LIMITED, "over " + settings.maxMessagesPerSecond()
                        + " messages per second; messages are being dropped");
                return;
            }
            case DISCONNECT -> {
                log.info("client {} kept flooding past its rate limit; closing it", client.id);
                engine.drop(client, Engine.CLOSE_POLICY, "rate limit exceeded");
                return;
            }
        }
        if (!client.hold(text)) {
            dispatch(client, text);
        }
    }

    /**
     * A join was answered: the messages the client sent meanwhile are dispatched, in order, on a
     * flush thread, never on the bus's thread.
     */
    void joinEnded(Client client) {
        if (client.joinEnded()) {
            flusher.execute(() -> dispatchHeld(client));
        }
    }

    private void dispatchHeld(Client client) {
        for (String text = client.nextHeld(); text != null; text = client.nextHeld()) {
            if (!client.isGone()) {
                dispatch(client, text);
            }
        }
    }

    private void dispatch(Client client, String text) {
        MessageParser.Result parsed = parser.parse(text);
        if (parsed.error() != null) {
            engine.error(client, parsed.error(), parsed.detail());
            return;
        }
        Message message = parsed.message();
        String ref = message.ref();
        if (ref != null && !client.refs.accept(ref)) {
            engine.send(client, Frames.ack(ref)); // accepted before: acknowledged again, not delivered twice
            return;
        }
        ActionHandler handler = actions.getOrDefault(message.action(), fallback);
        Dispatching dispatching = new Dispatching(ref);
        CURRENT.set(dispatching);
        try {
            handler.handle(new Context(engine, client), message);
        } catch (RuntimeException e) {
            log.error("handler for action '{}' failed for client {}; closing it with 1011", message.action(),
                    client.id, e);
            engine.drop(client, Engine.CLOSE_INTERNAL_ERROR, "internal error");
            return;
        } finally {
            CURRENT.remove();
        }
        if (ref != null) {
            if (dispatching.refused) {
                client.refs.forget(ref);
            } else if (!dispatching.deferred) {
                engine.send(client, Frames.ack(ref));
            }
        }
    }

    void onBinary(Client client) {
        client.lastSeen = engine.now();
        stats.messagesIn.increment();
        engine.error(client, ErrorCode.BAD_MESSAGE, "binary frames are not supported; send JSON text");
    }

    private boolean isTooLarge(String text) {
        int max = settings.maxMessageBytes();
        int length = text.length();
        if ((long) length * 3 <= max) {
            return false;
        }
        return length > max || text.getBytes(StandardCharsets.UTF_8).length > max;
    }

}
