package io.rooms.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Starts {@code count} WebSocket handshakes at once against {@code url} and prints, as one JSON line,
 * how many succeeded and how long they took (p50, p99, max, in ms). Run it beside
 * {@code nstat -az TcpExtListenOverflows} to see whether the server's accept queue overflowed.
 *
 * <pre>{@code java -cp rooms-bench/target/rooms-bench.jar io.rooms.bench.HandshakeStorm ws://127.0.0.1:7070/ws 3000}</pre>
 */
public final class HandshakeStorm {
    private HandshakeStorm() {}

    /** A socket that reads and ignores; public, as Jetty binds listener methods through method handles. */
    public static final class Quiet extends Session.Listener.AbstractAutoDemanding {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        WebSocketClient client = new WebSocketClient();
        client.setConnectTimeout(30_000);
        // Every handshake at once: no pool cap or queue of the client's own in front of the server's.
        client.getHttpClient().setMaxConnectionsPerDestination(count);
        client.getHttpClient().setMaxRequestsQueuedPerDestination(count);
        client.start();
        ConcurrentHistogram micros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Session>> all = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            all.add(client.connect(new Quiet(), url, new ClientUpgradeRequest())
                    .whenComplete((session, failure) -> {
                        if (failure != null) {
                            failed.incrementAndGet();
                        } else {
                            micros.recordValue(Math.min(micros.getHighestTrackableValue(),
                                    TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - began)));
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((done, failure) -> null)
                .get(2, TimeUnit.MINUTES);
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("{\"handshakes\":%d,\"succeeded\":%d,\"failed\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f,"
                        + "\"max_ms\":%.1f,\"wall_ms\":%d}%n", count, micros.getTotalCount(), failed.get(),
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0, wallMs);
        for (CompletableFuture<Session> future : all) {
            Session session = future.getNow(null);
            if (session != null) {
                session.close();
            }
        }
        client.stop();
        System.exit(0); // the client's selector threads may outlive stop(); this is a one-shot tool
    }
}
