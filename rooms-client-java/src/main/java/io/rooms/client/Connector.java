package io.rooms.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The client's one connection at a time: opens it (with a fresh token each time), tries again after
 * the backoff, pings it when quiet and gives it up when no pong comes. Its state is guarded by the
 * client's monitor, like the rest of the client's: it calls back into the client holding it.
 */
final class Connector {
    private static final Set<Integer> TERMINAL = Set.of(1008, 1009, 4003);
    private static final int TOKEN_EXPIRED = 4001;

    private final RoomsClient client;
    private final RoomsClientBuilder settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("rooms-client-timer"));
    private final Pacer pacer;
    // Guarded by client:
    private Socket socket;
    private int attempt;
    private long lastFrameNanos;
    private boolean started;

    Connector(RoomsClient client, RoomsClientBuilder settings) {
        this.client = client;
        this.settings = settings;
        this.pacer = new Pacer(settings.maxMessagesPerSecond, System::nanoTime,
                (nanos, task) -> timer.schedule(task, nanos, TimeUnit.NANOSECONDS));
    }

    /** Starts connecting, once (the caller holds the client's monitor); later calls, or one after a stop, do nothing. */
    void start() {
        if (started || client.status() == Status.CLOSED) {
            return;
        }
        started = true;
        attemptNow();
        long period = settings.pingInterval.toMillis();
        timer.scheduleAtFixedRate(this::pingIfQuiet, period, period, TimeUnit.MILLISECONDS);
    }

    /** Whether a socket is open (the caller holds the client's monitor). */
    boolean isOpen() {
        return socket != null;
    }

    /** Sends on the open socket, if any, in turn and within the server's rate (the caller holds the client's monitor). */
    void send(String frame) {
        pacer.send(frame);
    }

    /** Sends on the open socket only if the frame can go at once; false when it was dropped. */
    boolean sendIfNow(String frame) {
        return pacer.sendIfNow(frame);
    }

    /** Ends the open socket with 1000 and stops the timers (the caller holds the client's monitor). */
    void stop() {
        pacer.detach();
        if (socket != null) {
            socket.close(1000, "closed by the client");
            socket = null;
        }
        timer.shutdown();
    }

    boolean isCurrent(Socket candidate) {
        synchronized (client) {
            return candidate == socket;
        }
    }

    void heard(Socket from) {
        synchronized (client) {
            if (from == socket) {
                lastFrameNanos = System.nanoTime();
            }
        }
    }

    private void attemptNow() {
        URI target;
        try {
            target = withToken(settings.uri, settings.token == null ? null : settings.token.get());
        } catch (RuntimeException e) {
            client.stop(new CloseReason(4001, "no token: " + e.getMessage()));
            return;
        }
        Socket.open(http, target, settings.connectTimeout, client.inbound).whenComplete(this::opened);
    }

    private void opened(Socket opened, Throwable failure) {
        synchronized (client) {
            if (client.status() == Status.CLOSED) {
                if (opened != null) {
                    opened.close(1000, "closed by the client");
                }
                return;
            }
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof WebSocketHandshakeException refused && refused.getResponse().statusCode() == 401) {
                    client.stopLocked(new CloseReason(401, "the server refused the token"));
                    return;
                }
                client.offline();
                retryLater();
                return;
            }
            socket = opened;
            pacer.attach(opened::send);
            attempt = 0;
            lastFrameNanos = System.nanoTime();
            client.connected();
        }
    }

    /** The socket ended, with a close frame's code or 1006. */
    void ended(Socket ended, int code, String reason) {
        synchronized (client) {
            if (ended != socket || client.status() == Status.CLOSED) {
                return;
            }
            socket = null;
            pacer.detach();
            if (TERMINAL.contains(code)) {
                client.stopLocked(new CloseReason(code, reason));
                return;
            }
            client.reconnecting();
            if (code == TOKEN_EXPIRED) {
                attempt = 0;
                timer.execute(this::attemptNow); // a new token, at once
                return;
            }
            retryLater();
        }
    }

    private void retryLater() {
        Duration delay = settings.backoff.delay(attempt++, ThreadLocalRandom.current()::nextDouble);
        timer.schedule(this::attemptNow, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** After a quiet ping interval, a ping; no frame within the pong time-out: the path is dead. */
    private void pingIfQuiet() {
        Socket pinged;
        long sentAt = System.nanoTime();
        synchronized (client) {
            if (socket == null || sentAt - lastFrameNanos < settings.pingInterval.toNanos()) {
                return;
            }
            pinged = socket;
            pacer.send(Frames.frame("ping", null).toString());
        }
        timer.schedule(() -> {
            boolean dead;
            synchronized (client) {
                dead = pinged == socket && lastFrameNanos - sentAt < 0;
            }
            if (dead) {
                pinged.abort();
                ended(pinged, 1006, "no pong");
            }
        }, settings.pongTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code uri} with the token added to its query, encoded as a query value. */
    static URI withToken(URI uri, String token) {
        if (token == null) {
            return uri;
        }
        String query = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return URI.create(uri.toString() + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
