package io.rooms;

import io.rooms.spi.ConnectionListener;
import io.rooms.spi.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's socket events, as its transport reports them, handed to the part each is for: its
 * frames to the dispatcher, its pongs to the heartbeat's bookkeeping, its close to the registry.
 * Events for one socket arrive one at a time.
 */
final class ClientSocket implements ConnectionListener {
    private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

    private final Client client;
    private final MessageDispatcher dispatcher;
    private final ClientRegistry clients;
    private final Scheduler clock;

    ClientSocket(Client client, MessageDispatcher dispatcher, ClientRegistry clients, Scheduler clock) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public void onText(String text) {
        dispatcher.onText(client, text, clock.nanoTime());
    }

    @Override
    public void onBinary(int length) {
        dispatcher.onBinary(client, clock.nanoTime());
    }

    @Override
    public void onPong() {
        client.lastSeen = clock.nanoTime();
    }

    @Override
    public void onClose(int code, String reason) {
        clients.disconnect(client);
    }

    @Override
    public void onError(Throwable cause) {
        log.debug("transport error on client {}: {}", client.id, cause.toString());
    }

    @Override
    public String clientId() {
        return client.id;
    }

    @Override
    public String room() {
        return client.roomName();
    }
}
