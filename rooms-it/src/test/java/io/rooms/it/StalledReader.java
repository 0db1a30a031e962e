package io.rooms.it;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real client that joins a room and then stops reading: it never demands another frame, so its
 * socket's buffers fill and the server's writes to it back up, as with a stalled phone.
 */
public final class StalledReader implements Session.Listener, AutoCloseable {
    private final WebSocketClient client = new WebSocketClient();
    private volatile Session session;

    StalledReader(URI uri, String room) throws Exception {
        client.setInputBufferSize(1024);
        client.start();
        session = client.connect(this, uri, new ClientUpgradeRequest()).get(10, TimeUnit.SECONDS);
        session.sendText("{\"action\":\"newClient\",\"room\":\"" + room + "\"}", Callback.NOOP);
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        // No demand(): not one frame is read, ever.
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }

    static Duration patience() {
        return Duration.ofSeconds(30);
    }
}
