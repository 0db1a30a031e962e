package io.rooms.internal;

import io.rooms.ActionContext;
import io.rooms.ErrorCode;
import io.rooms.Message;

/** The {@link ActionContext} of one message. Used on the sender's event thread only. */
record Context(Engine engine, Client client) implements ActionContext {

    @Override
    public String clientId() {
        return client.id;
    }

    @Override
    public String room() {
        return client.room();
    }

    @Override
    public void reply(String action, String rawData) {
        engine.send(client, Frames.reply(action, rawData));
    }

    @Override
    public void error(ErrorCode code, String message) {
        engine.error(client, code, message);
    }

    @Override
    public void relay(Message message) {
        engine.relay(client, message);
    }
}
