package io.rooms.server;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty's connector, but an accept failure is logged through {@link AcceptFailures}, at most once a minute. */
final class RoomsConnector extends ServerConnector {
    private final AcceptFailures failures = new AcceptFailures(System::nanoTime);

    RoomsConnector(Server server, ConnectionFactory... factories) {
        super(server, factories);
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
