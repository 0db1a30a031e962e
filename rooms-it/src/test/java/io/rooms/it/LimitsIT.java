package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rooms.server.ServerSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class LimitsIT {

    @Test
    void aTwoMebibyteFrameIsRefusedAndEveryoneElseIsStillServed() {
        try (TestServer server = new TestServer(); WsProbe attacker = server.joined("big");
                WsProbe bystander = server.joined("big")) {
            attacker.sendAndForget("{\"action\":\"talkToRoom\",\"data\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
            assertThat(attacker.awaitClose()).isEqualTo(1009);
            bystander.await("memberLeft");
            try (WsProbe next = server.joined("big")) {
                next.send("{\"action\":\"talkToRoom\",\"data\":\"small\"}");
                assertThat(bystander.await("talkToRoom").get("data").asText()).isEqualTo("small");
            }
        }
    }

    @Test
    void aFrameJustOverTheLimitIsTooLargeAndTheConnectionStays() {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--max-message-bytes", "1000"));
                WsProbe client = server.joined("near")) {
            client.send("{\"action\":\"talkToRoom\",\"data\":\"" + "x".repeat(1500) + "\"}");
            assertThat(client.awaitError()).isEqualTo("too_large");
            client.send("{\"action\":\"echo\",\"data\":1}");
            client.await("echo");
        }
    }

    @Test
    void aForeignOriginIsRefusedWith403() {
        try (TestServer server = new TestServer()) {
            assertThatThrownBy(() -> WsProbe.connect(server.ws(), true, "http://evil.example"))
                    .isInstanceOfSatisfying(WsProbe.HandshakeFailed.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    @Test
    void theServersOwnOriginAnAllowedOriginAndNoOriginAreAccepted() {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--allowed-origins", "https://app.example.com"))) {
            String own = "http://127.0.0.1:" + server.server.port();
            try (WsProbe sameOrigin = WsProbe.connect(server.ws(), true, own);
                    WsProbe allowed = WsProbe.connect(server.ws(), true, "https://app.example.com");
                    WsProbe noOrigin = WsProbe.connect(server.ws(), true, null)) {
                for (WsProbe probe : new WsProbe[] {sameOrigin, allowed, noOrigin}) {
                    probe.send("{\"action\":\"echo\",\"data\":1}");
                    probe.await("echo");
                }
            }
        }
    }

    @Test
    void pastTheConnectionCapHandshakesAre503() {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--max-connections", "2"));
                WsProbe a = server.client(); WsProbe b = server.client()) {
            a.send("{\"action\":\"echo\"}");
            a.await("echo");
            b.send("{\"action\":\"echo\"}");
            b.await("echo");
            assertThatThrownBy(() -> WsProbe.connect(server.ws()))
                    .isInstanceOfSatisfying(WsProbe.HandshakeFailed.class, e -> assertThat(e.status()).isEqualTo(503));
        }
    }

    @Test
    void aBurstOfHandshakesNeverGetsPastTheConnectionCap() throws Exception {
        int cap = 10;
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--max-connections", Integer.toString(cap)))) {
            for (int round = 0; round < 3; round++) {
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<WsProbe>> attempts = new java.util.ArrayList<>();
                for (int i = 0; i < 150; i++) {
                    attempts.add(pool.submit(() -> {
                        go.await();
                        try {
                            WsProbe probe = WsProbe.connect(server.ws());
                            probe.send("{\"action\":\"echo\"}");
                            probe.await("echo");
                            return probe;
                        } catch (RuntimeException | AssertionError refused) {
                            return null; // 503 at the handshake, or closed with 1013 right after it
                        }
                    }));
                }
                go.countDown();
                java.util.List<WsProbe> served = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<WsProbe> attempt : attempts) {
                    WsProbe probe = attempt.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    if (probe != null) {
                        served.add(probe);
                    }
                }
                pool.shutdown();
                assertThat(served).as("round %d", round).hasSizeBetween(1, cap);
                assertThat(server.server.engine().stats().connections()).isLessThanOrEqualTo(cap);
                for (WsProbe probe : served) {
                    probe.close();
                }
                Await.until("every socket of round " + round + " is closed",
                        () -> server.server.engine().stats().connections() == 0);
            }
        }
    }

    @Test
    void aSocketThatJoinsNoRoomInTimeIsClosed() {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--join-timeout-ms", "300"));
                WsProbe idle = server.client(); WsProbe joiner = server.joined("timely")) {
            assertThat(idle.awaitClose()).isEqualTo(1008);
            joiner.send("{\"action\":\"echo\"}");
            joiner.await("echo");
        }
    }
}
