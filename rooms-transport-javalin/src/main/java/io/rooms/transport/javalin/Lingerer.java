package io.rooms.transport.javalin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import io.rooms.transport.LingerLimits;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last seconds of WebSockets whose close frame has been written: each socket's output is shut
 * down (the client reads the close frame, then end of stream), and what the client still sends is
 * read and thrown away, unparsed, until the client closes its side. Only then is the socket
 * closed. Closing at once while the client is still writing makes the kernel answer with a reset,
 * and a reset can make the client's kernel throw away the close frame unread: the client sees
 * 1006 instead of the code it was sent (RFC 6455 section 7.1.1 has the server close first, but
 * after the client has stopped sending).
 *
 * <p>A socket is closed anyway after {@link LingerLimits#DEADLINE}, or once it has sent more than
 * {@link LingerLimits#MAX_BYTES}. One thread and one selector serve every lingering socket; a Jetty bean, so
 * that it starts and stops with the server, closing any socket still lingering. Thread-safe.
 */
public final class Lingerer extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(Lingerer.class);
    private static final Duration DEADLINE = LingerLimits.DEADLINE;
    private static final long MAX_BYTES = LingerLimits.MAX_BYTES;

    private final LongSupplier nanoTime;
    private final Queue<Arrival> arriving = new ConcurrentLinkedQueue<>();
    private final ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
    private volatile Selector selector;
    private Thread thread;

    public Lingerer(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A socket handed over, and what to run once it is closed. */
    private record Arrival(SocketChannel channel, Runnable closed) {}

    /** One lingering socket's budget, and what to run once it is closed. */
    private static final class Linger {
        final long deadline;
        final Runnable closed;
        long discarded;

        Linger(long deadline, Runnable closed) {
            this.deadline = deadline;
            this.closed = closed;
        }
    }

    @Override
    protected void doStart() throws IOException {
        selector = Selector.open();
        thread = new Thread(this::run, "rooms-linger");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        Selector running = selector;
        selector = null;
        running.wakeup();
        thread.join(DEADLINE.toMillis());
    }

    /**
     * Takes over the end of {@code channel}, whose close frame has been written, and runs
     * {@code closed} on this lingerer's thread once it has closed it; false when stopped, and the
     * caller closes it.
     */
    public boolean linger(SocketChannel channel, Runnable closed) {
        Selector running = selector;
        if (running == null) {
            return false;
        }
        arriving.add(new Arrival(channel, closed));
        running.wakeup();
        return true;
    }

    private void run() {
        Selector own = selector;
        try {
            while (selector != null) {
                adoptArrivals(own);
                own.select(Math.max(1, DEADLINE.toMillis() / 10));
                for (SelectionKey key : own.selectedKeys()) {
                    discard(key);
                }
                own.selectedKeys().clear();
                expire(own);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("lingering sockets closed early: {}", e.toString());
        } finally {
            for (SelectionKey key : own.keys()) {
                close(key);
            }
            for (Arrival arrival = arriving.poll(); arrival != null; arrival = arriving.poll()) {
                close(arrival.channel(), arrival.closed());
            }
            quietly(own);
        }
    }

    private void adoptArrivals(Selector own) {
        long deadline = nanoTime.getAsLong() + DEADLINE.toNanos();
        for (Arrival arrival = arriving.poll(); arrival != null; arrival = arriving.poll()) {
            try {
                arrival.channel().shutdownOutput();
                arrival.channel().register(own, SelectionKey.OP_READ, new Linger(deadline, arrival.closed()));
            } catch (IOException | RuntimeException gone) {
                close(arrival.channel(), arrival.closed()); // reset or closed already: nothing to wait for
            }
        }
    }

    private void discard(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        Linger linger = (Linger) key.attachment();
        try {
            int read;
            do {
                sink.clear();
                read = channel.read(sink);
                linger.discarded += Math.max(read, 0);
            } while (read > 0 && linger.discarded <= MAX_BYTES);
            if (read < 0 || linger.discarded > MAX_BYTES) {
                close(key); // the client closed its side; or it never stops writing, and gets its reset
            }
        } catch (IOException gone) {
            close(key);
        }
    }

    private void expire(Selector own) {
        long now = nanoTime.getAsLong();
        for (SelectionKey key : own.keys()) {
            if (key.isValid() && now - ((Linger) key.attachment()).deadline >= 0) {
                close(key);
            }
        }
    }

    private static void close(SelectionKey key) {
        close(key.channel(), ((Linger) key.attachment()).closed);
    }

    private static void close(java.nio.channels.Channel channel, Runnable closed) {
        quietly(channel);
        try {
            closed.run();
        } catch (RuntimeException e) {
            log.debug("after closing a lingering socket: {}", e.toString());
        }
    }

    private static void quietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all that was left to do
        }
    }
}
