package io.rooms;

import io.rooms.spi.CloseCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's frames on their way in: the size and rate limits, the parse, and the dispatch to the
 * action's handler with the message's {@link MessageContext}, one message at a time per client.
 * Messages that arrive while the client's join is on its way to the bus are held, and dispatched
 * after it on a flush thread. Thread-safe.
 */
final class MessageDispatcher {
    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

    private final MessageParser parser;
    private final Map<String, ActionHandler> actions;
    private final ActionHandler fallback = (context, message) -> context.relay(message);
    private final Counters counters;
    private final Relay relay;
    private final ClientRegistry clients;
    private final Executor flusher;
    private final int maxMessageBytes;
    private final int maxMessagesPerSecond;

    MessageDispatcher(EngineSettings settings, Map<String, ActionHandler> actions, Counters counters, Relay relay,
            ClientRegistry clients, Executor flusher) {
        this.parser = new MessageParser(settings.maxMessageBytes());
        this.maxMessageBytes = settings.maxMessageBytes();
        this.maxMessagesPerSecond = settings.maxMessagesPerSecond();
        this.actions = Map.copyOf(actions);
        this.counters = counters;
        this.relay = relay;
        this.clients = clients;
        this.flusher = flusher;
    }

    void onText(Client client, String text, long now) {
        client.lastSeen = now;
        counters.messagesIn.increment();
        if (client.isGone()) {
            return;
        }
        if (isTooLarge(text)) {
            error(client, ErrorCode.TOO_LARGE, "messages are limited to " + maxMessageBytes + " bytes");
            return;
        }
        switch (client.limiter.acquire(now)) {
            case PASS -> { }
            case DROP_SILENTLY -> {
                return;
            }
            case DROP_AND_TELL -> {
                error(client, ErrorCode.RATE_LIMITED, "over " + maxMessagesPerSecond
                        + " messages per second; messages are being dropped");
                return;
            }
            case DISCONNECT -> {
                log.info("client {} kept flooding past its rate limit; closing it", client.id);
                clients.drop(client, CloseCode.POLICY, "rate limit exceeded");
                return;
            }
        }
        if (!client.held().hold(text)) {
            dispatch(client, text);
        }
    }

    void onBinary(Client client, long now) {
        client.lastSeen = now;
        counters.messagesIn.increment();
        error(client, ErrorCode.BAD_MESSAGE, "binary frames are not supported; send JSON text");
    }

    private void error(Client client, ErrorCode code, String message) {
        counters.error(code);
        client.send(ServerFrames.error(code.wire(), message, null));
    }

    private void dispatch(Client client, String text) {
        MessageParser.Result parsed = parser.parse(text);
        if (parsed.error() != null) {
            error(client, parsed.error(), parsed.detail());
            return;
        }
        Message message = parsed.message();
        String ref = message.ref();
        if (ref != null && !client.refs.accept(ref)) {
            client.send(ServerFrames.ack(ref)); // accepted before: acknowledged again, not delivered twice
            return;
        }
        MessageContext context = new MessageContext(client, ref, counters, relay);
        try {
            actions.getOrDefault(message.action(), fallback).handle(context, message);
        } catch (RuntimeException e) {
            log.error("handler for action '{}' failed for client {}; closing it with 1011", message.action(),
                    client.id, e);
            clients.drop(client, CloseCode.INTERNAL_ERROR, "internal error");
            return;
        }
        context.dispatched();
        CompletionStage<?> holding = context.holding();
        if (holding != null) {
            holding.whenComplete((done, failure) -> holdingEnded(client));
        }
    }

    /**
     * What held the client's messages (its join) is answered: the messages it sent meanwhile are
     * dispatched, in order, on a flush thread, never on the bus's thread.
     */
    private void holdingEnded(Client client) {
        if (client.held().joinEnded()) {
            flusher.execute(() -> dispatchHeld(client));
        }
    }

    private void dispatchHeld(Client client) {
        for (String text = client.held().nextHeld(); text != null; text = client.held().nextHeld()) {
            if (!client.isGone()) {
                dispatch(client, text);
            }
        }
    }

    private boolean isTooLarge(String text) {
        int length = text.length();
        if ((long) length * 3 <= maxMessageBytes) {
            return false;
        }
        return length > maxMessageBytes || text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes;
    }
}
