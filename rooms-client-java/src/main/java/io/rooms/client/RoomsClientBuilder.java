package io.rooms.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** How a {@link RoomsClient} connects: {@link RoomsClient#builder(URI)}. Not thread-safe; build once. */
public final class RoomsClientBuilder {
    final URI uri;
    Supplier<String> token;
    Backoff backoff = Backoff.DEFAULT;
    Duration pingInterval = Duration.ofSeconds(5);
    Duration pongTimeout = Duration.ofSeconds(3);
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration requestTimeout = Duration.ofSeconds(10);
    int keepLimit = 1000;
    int maxMessagesPerSecond = 100;
    Executor callbacks;

    RoomsClientBuilder(URI uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** The JWT for the handshake ({@code ?token=}), asked again before each reconnect and after 4001. */
    public RoomsClientBuilder token(Supplier<String> value) {
        this.token = value;
        return this;
    }

    public RoomsClientBuilder backoff(Backoff value) {
        this.backoff = Objects.requireNonNull(value);
        return this;
    }

    /** A ping after this long without a frame (5 s); no frame within {@code pongTimeout} (3 s): reconnect. */
    public RoomsClientBuilder ping(Duration interval, Duration pongTimeoutValue) {
        this.pingInterval = Objects.requireNonNull(interval);
        this.pongTimeout = Objects.requireNonNull(pongTimeoutValue);
        return this;
    }

    public RoomsClientBuilder connectTimeout(Duration value) {
        this.connectTimeout = Objects.requireNonNull(value);
        return this;
    }

    /** How long {@link Room#request}'s future waits for its acknowledgement (10 s). */
    public RoomsClientBuilder requestTimeout(Duration value) {
        this.requestTimeout = Objects.requireNonNull(value);
        return this;
    }

    /** How many messages wait for their acknowledgement at most (1,000); past it the oldest is given up. */
    public RoomsClientBuilder keepLimit(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("keepLimit must be positive");
        }
        this.keepLimit = value;
        return this;
    }

    /**
     * The server's {@code --max-messages-per-second} (100). The client sends no faster than that, with
     * a burst of as many, and holds the rest in order: the server drops what comes over its rate, and
     * a message it dropped would be overtaken by the ones after it.
     */
    public RoomsClientBuilder maxMessagesPerSecond(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxMessagesPerSecond must be positive");
        }
        this.maxMessagesPerSecond = value;
        return this;
    }

    /** Where handlers and listeners run (by default one thread of the client's own). */
    public RoomsClientBuilder callbacks(Executor value) {
        this.callbacks = Objects.requireNonNull(value);
        return this;
    }

    public RoomsClient build() {
        return new RoomsClient(this);
    }
}
