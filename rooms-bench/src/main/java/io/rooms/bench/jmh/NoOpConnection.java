package io.rooms.bench.jmh;

import io.rooms.spi.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A connection that accepts every frame at once and keeps none: measures the core alone. */
final class NoOpConnection implements Connection {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    long frames;

    /** Reports at once, as a socket with room in its buffer would. */
    @Override
    public void send(List<String> texts, long tag, Sent sent) {
        frames += texts.size();
        sent.written(texts.size(), tag);
    }

    @Override
    public CompletionStage<Void> ping() {
        return DONE;
    }

    @Override
    public void close(int code, String reason) {}
}
