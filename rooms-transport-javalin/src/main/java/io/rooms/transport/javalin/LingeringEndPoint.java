package io.rooms.transport.javalin;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.AutoLock;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * Jetty's plain-socket endpoint, whose WebSockets end in a {@link Lingerer}. Two ways lead there:
 * <ul>
 * <li>Jetty closes a WebSocket right after writing its close frame, while the client may still be
 *     writing: the socket lingers instead of being closed at once;</li>
 * <li>after a refused frame (1009, 1007, 1002: {@link #refused()}) Jetty shuts down its output and
 *     then neither reads nor closes until its idle time-out, so a client still writing stalls
 *     against a full buffer: the socket lingers as soon as its output is shut, and once the
 *     lingerer is done with it, Jetty's endpoint is closed too.</li>
 * </ul>
 * Other connections close as Jetty closes them. A connector's {@code newEndPoint} makes these.
 */
public final class LingeringEndPoint extends SocketChannelEndPoint {
    private final Lingerer lingerer;
    private final SelectionKey key;
    private final AutoLock lock = new AutoLock();
    private boolean refused;
    private boolean outputShut;
    private boolean lingering;

    public LingeringEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler,
            Lingerer lingerer) {
        super(channel, selector, key, scheduler);
        this.lingerer = lingerer;
        this.key = key;
    }

    /** The WebSocket on this endpoint refused a frame: it lingers once its close frame is out. */
    void refused() {
        lingerOnceBoth(true, false);
    }

    @Override
    protected void doShutdownOutput() {
        super.doShutdownOutput();
        lingerOnceBoth(false, true);
    }

    /** Records a refusal or the output's shutdown; the socket lingers once both have come, whichever first. */
    private void lingerOnceBoth(boolean refusal, boolean shutdown) {
        boolean now;
        try (AutoLock ignored = lock.lock()) {
            refused |= refusal;
            outputShut |= shutdown;
            now = refused && outputShut && startLingering();
        }
        if (now) {
            lingerThenClose();
        }
    }

    private void lingerThenClose() {
        if (!lingerer.linger(getChannel(), this::closeAfterLingering)) {
            close();
        }
    }

    private void closeAfterLingering() {
        close();
        releaseDescriptor();
    }

    /**
     * The socket is closed, but its descriptor is released only once every selector it was
     * registered with has deregistered it, at that selector's next select: Jetty's is woken, so
     * that it does so now and not when its next event comes.
     */
    private void releaseDescriptor() {
        key.selector().wakeup();
    }

    /** Jetty's endpoint is closed by now, and forgotten; the socket itself lingers, if it was a WebSocket's. */
    @Override
    public void doClose() {
        boolean now;
        try (AutoLock ignored = lock.lock()) {
            now = getConnection() instanceof WebSocketConnection && startLingering();
        }
        if (now && lingerer.linger(getChannel(), this::releaseDescriptor)) {
            return;
        }
        super.doClose();
    }

    /** True the first time only: a socket lingers once. Under the lock. */
    private boolean startLingering() {
        if (lingering) {
            return false;
        }
        lingering = true;
        return true;
    }
}
