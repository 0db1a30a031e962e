package io.rooms;

import io.rooms.spi.Identity;
import io.rooms.spi.Authentication;
import io.rooms.spi.Authenticator;
import io.rooms.spi.CloseCode;
import io.rooms.spi.Handshake;
import io.rooms.spi.JoinCheck;
import io.rooms.spi.Scheduler;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who each client is and what it may do: the handshake's authentication, the join check, a live
 * connection's expiry (closed with 4001 at its identity's expiry) and its refresh. Never logs a
 * credential. Thread-safe.
 */
final class AccessControl {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

    private final Authenticator authenticator;
    private final JoinCheck joinCheck;
    private final Scheduler scheduler;
    private final ClientRegistry clients;

    AccessControl(Authenticator authenticator, JoinCheck joinCheck, Scheduler scheduler, ClientRegistry clients) {
        this.authenticator = authenticator;
        this.joinCheck = joinCheck;
        this.scheduler = scheduler;
        this.clients = clients;
    }

    Authentication authenticate(Handshake handshake) {
        try {
            Authentication result = authenticator.authenticate(handshake);
            if (result instanceof Authentication.Refused refused) {
                log.debug("refused a handshake from {}: {}", handshake.remote(), refused.reason());
            }
            return result;
        } catch (RuntimeException e) {
            log.warn("the authenticator failed on a handshake from {}; refusing it", handshake.remote(), e);
            return new Authentication.Refused("authentication failed");
        }
    }

    boolean mayJoin(Client client, String room) {
        try {
            return joinCheck.mayJoin(client.identity, room);
        } catch (RuntimeException e) {
            log.warn("the join check failed for client {} and room {}; refusing the join", client.id, room, e);
            return false;
        }
    }

    /** Starts the client's expiry, if its identity has one. */
    void watch(Client client) {
        Scheduler.Cancellable previous = client.expiry;
        if (previous != null) {
            previous.cancel();
        }
        Instant expiresAt = client.identity.expiresAt();
        if (expiresAt == null) {
            client.expiry = null;
            return;
        }
        long delay = Math.max(0, Duration.between(scheduler.wallTime(), expiresAt).toNanos());
        client.expiry = scheduler.schedule(delay, () -> expire(client, expiresAt));
    }

    private void expire(Client client, Instant expiresAt) {
        if (client.isGone() || !expiresAt.equals(client.identity.expiresAt())) {
            return; // refreshed meanwhile: a later timer is on
        }
        log.debug("client {}: its token expired", client.id);
        clients.drop(client, CloseCode.TOKEN_EXPIRED, "token expired");
    }

    /** The client is gone: its expiry is off. */
    static void forget(Client client) {
        Scheduler.Cancellable expiry = client.expiry;
        if (expiry != null) {
            expiry.cancel();
        }
    }

    /**
     * {@code {"action":"refresh","token":...}}: a token for the same user with a later expiry
     * replaces the identity and moves the expiry; anything else is error {@code bad_token}.
     */
    void refresh(MessageContext context, Message message) {
        Client client = context.client();
        Identity current = client.identity;
        if (message.token() == null || message.token().isEmpty()) {
            context.error(ErrorCode.BAD_TOKEN, "a refresh needs a \"token\"");
            return;
        }
        if (current.isAnonymous()) {
            context.error(ErrorCode.BAD_TOKEN, "this connection has no identity to refresh");
            return;
        }
        Authentication result;
        try {
            result = authenticator.refresh(current, message.token());
        } catch (RuntimeException e) {
            log.warn("the authenticator failed on a refresh by client {}", client.id, e);
            result = new Authentication.Refused("authentication failed");
        }
        if (result instanceof Authentication.Refused refused) {
            context.error(ErrorCode.BAD_TOKEN, "token refused: " + refused.reason());
            return;
        }
        Identity next = ((Authentication.Accepted) result).identity();
        if (!current.user().equals(next.user())) {
            context.error(ErrorCode.BAD_TOKEN, "the token is for another user");
            return;
        }
        if (current.expiresAt() != null && next.expiresAt() != null && !next.expiresAt().isAfter(current.expiresAt())) {
            context.error(ErrorCode.BAD_TOKEN, "the token does not expire later than the current one");
            return;
        }
        client.identity = next;
        watch(client);
        context.send(ServerFrames.refreshed(next.expiresAt()));
    }
}
