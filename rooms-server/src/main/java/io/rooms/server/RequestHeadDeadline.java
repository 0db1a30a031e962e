package io.rooms.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP connection whose request head has been arriving for longer than the limit: a
 * slowloris that trickles its head a byte at a time resets the idle time-out with every byte, so
 * that time-out alone never ends it. Jetty has no such limit of its own.
 *
 * <p>Each HTTP connection is looked at once a second until it is upgraded to a WebSocket or closed.
 * A head first seen incomplete at one look and still incomplete (the same request) at a look
 * {@code limit} or more later is closed: so no head is cut before {@code limit}, and every head
 * that takes longer is cut within {@code limit} plus one second. Thread-safe.
 */
final class RequestHeadDeadline implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(RequestHeadDeadline.class);
    static final Duration LOOK_PERIOD = Duration.ofSeconds(1);

    private final long limitNanos;
    private final Scheduler scheduler;
    private final LongSupplier nanoTime;

    RequestHeadDeadline(Duration limit, Scheduler scheduler, LongSupplier nanoTime) {
        this.limitNanos = limit.toNanos();
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http).next();
        }
    }

    /** One connection's looks; only ever run by the scheduler, one look at a time. */
    private final class Watch implements Runnable {
        private final HttpConnection http;
        private long requestsSeen = -1;
        private long incompleteSince;

        Watch(HttpConnection http) {
            this.http = http;
        }

        void next() {
            scheduler.schedule(this, LOOK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            EndPoint endPoint = http.getEndPoint();
            if (!endPoint.isOpen() || endPoint.getConnection() != http) {
                return; // closed, or upgraded to a WebSocket that has its own time-outs
            }
            HttpParser parser = http.getParser();
            boolean headIncomplete = parser.inHeaderState() && !parser.isStart();
            long requests = http.getMessagesIn();
            long now = nanoTime.getAsLong();
            if (!headIncomplete) {
                requestsSeen = -1;
            } else if (requests != requestsSeen) {
                requestsSeen = requests;
                incompleteSince = now;
            } else if (now - incompleteSince >= limitNanos) {
                log.debug("closing {}: its request head took longer than {} ms", endPoint.getRemoteSocketAddress(),
                        TimeUnit.NANOSECONDS.toMillis(limitNanos));
                endPoint.close();
                return;
            }
            next();
        }
    }
}
