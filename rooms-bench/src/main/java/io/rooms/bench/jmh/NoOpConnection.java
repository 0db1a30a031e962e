package io.rooms.bench.jmh;

import io.rooms.spi.Connection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A connection that accepts every frame at once and keeps none: measures the core alone. */
final class NoOpConnection implements Connection {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final SocketAddress ADDRESS = InetSocketAddress.createUnresolved("127.0.0.1", 1);
    long frames;

    @Override
    public String id() {
        return "noop";
    }

    @Override
    public CompletionStage<Void> send(String text) {
        frames++;
        return DONE;
    }

    @Override
    public CompletionStage<Void> send(java.util.List<String> texts) {
        frames += texts.size();
        return DONE;
    }

    /** The outboxes' path: reports at once, as a socket with room in its buffer would. */
    @Override
    public void send(java.util.List<String> texts, long tag, Sent sent) {
        frames += texts.size();
        sent.written(texts.size(), tag);
    }

    @Override
    public CompletionStage<Void> ping() {
        return DONE;
    }

    @Override
    public void close(int code, String reason) {}

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return ADDRESS;
    }
}
