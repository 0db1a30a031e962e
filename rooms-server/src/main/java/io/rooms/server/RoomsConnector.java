package io.rooms.server;

import io.rooms.transport.javalin.Lingerer;
import io.rooms.transport.javalin.LingeringEndPoint;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty's connector, but an accept failure is logged through {@link AcceptFailures}, at most once a
 * minute, and a WebSocket on Jetty's own transport ends in the {@link Lingerer} instead of being
 * closed at once.
 */
final class RoomsConnector extends ServerConnector {
    private final AcceptFailures failures = new AcceptFailures(System::nanoTime);
    private final Lingerer lingerer;

    RoomsConnector(Server server, Lingerer lingerer, ConnectionFactory... factories) {
        super(server, factories);
        this.lingerer = lingerer;
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SocketChannelEndPoint endPoint = new LingeringEndPoint(channel, selector, key, getScheduler(), lingerer);
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }

    @Override
    protected boolean handleAcceptFailure(Throwable failure) {
        if (!isRunning()) {
            return super.handleAcceptFailure(failure);
        }
        failures.failed(failure);
        try {
            Thread.sleep(1000); // as Jetty does: do not spin while no descriptor is free
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
