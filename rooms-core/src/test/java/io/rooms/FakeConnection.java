package io.rooms;

import io.rooms.spi.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory transport the tests use: records every frame, ping and close. Sends complete at
 * once unless the connection is told to stall (a client that stopped reading) or to fail.
 */
final class FakeConnection implements Connection {

    private final List<String> frames = new ArrayList<>();
    private final List<CompletableFuture<Void>> stalled = new ArrayList<>();
    private volatile boolean stall;
    private volatile boolean failSends;
    private volatile boolean open = true;
    private volatile int closeCode;
    private volatile String closeReason;
    private final AtomicInteger pings = new AtomicInteger();

    /** Each frame as the old one-frame send did: recorded, then written at once, held, or failed. */
    @Override
    public void send(List<String> texts, long tag, Sent sent) {
        int count = texts.size();
        CompletableFuture<?>[] each = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            each[i] = sendOne(texts.get(i)).toCompletableFuture();
        }
        CompletableFuture.allOf(each).whenComplete((done, failure) -> {
            if (failure == null) {
                sent.written(count, tag);
            } else {
                sent.failed(tag, failure);
            }
        });
    }

    private synchronized CompletionStage<Void> sendOne(String text) {
        if (failSends) {
            return CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
        }
        frames.add(text);
        if (stall) {
            CompletableFuture<Void> pending = new CompletableFuture<>();
            stalled.add(pending);
            return pending;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> ping() {
        pings.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close(int code, String reason) {
        if (open) {
            open = false;
            closeCode = code;
            closeReason = reason;
        }
    }

    boolean isOpen() {
        return open;
    }

    synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    synchronized void clearFrames() {
        frames.clear();
    }

    void stallSends() {
        stall = true;
    }

    void failSends() {
        failSends = true;
    }

    int pings() {
        return pings.get();
    }

    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }
}
