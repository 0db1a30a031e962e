package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The close code a refused client receives while it is still writing: the server sends its close
 * frame, then reads and discards what the client still sends until the client's own close, so the
 * client's kernel is never reset with the close frame unread (RFC 6455 section 7.1.1).
 */
@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class CloseHandshakeIT {
    private static final int TRIES = 50;
    /** How long the server waits for a refused client to close its side (docs/protocol.md, "Limits and close codes"). */
    private static final Duration LINGER = Duration.ofSeconds(5);
    /** A frame header announcing a 2 MiB text frame, masked, with its mask: far past the frame cap. */
    private static final byte[] OVERSIZED_HEADER = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x20, 0, 0, 1, 2, 3, 4};
    private static final String TWO_MIB = "{\"action\":\"talkToRoom\",\"data\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    @Test
    void twoOversizedMessagesBackToBackAreClosedWith1009EveryTime() {
        try (TestServer server = new TestServer(); WsProbe bystander = server.joined("big")) {
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < TRIES; i++) {
                try (WsProbe attacker = server.client()) {
                    attacker.sendAndForget(TWO_MIB);
                    attacker.sendAndForget(TWO_MIB);
                    codes.add(attacker.awaitClose());
                }
            }
            assertThat(codes).as("the close codes the client received").containsOnly(1009);
            bystander.send("{\"action\":\"echo\",\"data\":\"still here\"}");
            assertThat(bystander.await("echo").get("data").asText()).isEqualTo("still here");
        }
    }

    @Test
    void afterTheCloseFrameTheServerShutsItsSideAndStillLetsTheClientWrite() throws Exception {
        try (TestServer server = new TestServer(); RawWebSocket raw = new RawWebSocket(server.port())) {
            raw.send(OVERSIZED_HEADER);
            raw.send(new byte[512 * 1024]);
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
            assertThat(raw.atEndOfStream()).as("the server's FIN right after its close frame").isTrue();
            raw.send(new byte[512 * 1024]); // still read and discarded: no reset while the client finishes
        }
    }

    @Test
    void aClientThatKeepsWritingSlowlyIsCutOffAtTheLingerDeadline() throws Exception {
        try (TestServer server = new TestServer(); RawWebSocket raw = new RawWebSocket(server.port())) {
            raw.send(OVERSIZED_HEADER);
            CompletableFuture<Long> cutOff = CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) {
                        raw.send(new byte[1024]);
                        TimeUnit.MILLISECONDS.sleep(50); // the pace of a slow writer, far below the byte cap
                    }
                } catch (IOException reset) {
                    return System.nanoTime();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
            long closeFrameRead = System.nanoTime();
            long cut = cutOff.get(LINGER.multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(cut - closeFrameRead)).as("from the close frame to the cut")
                    .isGreaterThan(LINGER.minusSeconds(1)).isLessThan(LINGER.multipliedBy(3));
        }
    }

    @Test
    void aClientThatNeverStopsWritingIsCutOffWithoutWaitingForTheDeadline() throws Exception {
        try (TestServer server = new TestServer(); RawWebSocket raw = new RawWebSocket(server.port())) {
            raw.send(OVERSIZED_HEADER);
            long start = System.nanoTime();
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
                long bytes = 0;
                try {
                    while (true) {
                        raw.send(new byte[64 * 1024]);
                        bytes += 64 * 1024;
                    }
                } catch (IOException reset) {
                    return bytes;
                }
            });
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
            long bytes = written.get(LINGER.multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LINGER);
            assertThat(bytes).as("bytes written before the cut").isGreaterThan(16L * 1024 * 1024);
        }
    }
}
