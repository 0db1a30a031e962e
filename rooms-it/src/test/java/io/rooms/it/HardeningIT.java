package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.server.ServerSettings;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Attacks on each limit: each test fails if its protection is removed. */
@Tag("transport") // its behaviour depends on the transport: run again on Jetty (pom: jetty-transport)
class HardeningIT {

    @Test
    void invalidUtf8ClosesWith1007AndTheServerGoesOn() throws Exception {
        try (TestServer server = new TestServer(); WsProbe bystander = server.joined("utf8")) {
            try (RawWebSocket raw = new RawWebSocket(server.port())) {
                byte[] json = "{\"action\":\"echo\",\"data\":\"XX\"}".getBytes(StandardCharsets.US_ASCII);
                json[25] = (byte) 0xC3;
                json[26] = (byte) 0x28; // not a continuation byte: invalid UTF-8
                raw.sendTextBytes(json);
                assertThat(raw.awaitCloseCode()).isEqualTo(1007);
            }
            bystander.send("{\"action\":\"echo\",\"data\":\"fine\"}");
            assertThat(bystander.await("echo").get("data").asText()).isEqualTo("fine");
        }
    }

    @Test
    void deeplyNestedJsonIsBadJsonNotAStackOverflow() {
        try (TestServer server = new TestServer(); WsProbe client = server.client()) {
            client.send("{\"action\":\"move\",\"data\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}");
            assertThat(client.awaitError()).isEqualTo("bad_json");
            client.send("{\"action\":\"echo\",\"data\":\"" + "x".repeat(60_000) + "\"}");
            assertThat(client.await("echo").get("data").asText()).hasSize(60_000);
        }
    }

    @Test
    void aFloodingClientIsClosedWith1008AndTheRoomGetsAtMostTheBucketsWorth() {
        int rate = 20;
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--max-messages-per-second", String.valueOf(rate)));
                WsProbe flooder = server.joined("flood"); WsProbe listener = server.joined("flood")) {
            long start = System.nanoTime();
            for (int i = 0; i < 10 * rate * 5 && flooder.isOpen(); i++) {
                flooder.sendAndForget("{\"action\":\"talkToRoom\",\"data\":" + i + "}");
                if (i % (10 * rate / 10) == 0) {
                    waitMillis(100); // pace the flood at 10 times the rate
                }
            }
            assertThat(flooder.awaitClose()).isEqualTo(1008);
            double seconds = (System.nanoTime() - start) / 1e9;
            listener.await("memberLeft");
            long relayed = listener.drain().stream().filter(f -> f.path("action").asText().equals("talkToRoom")).count();
            assertThat(relayed).isLessThanOrEqualTo((long) (2 * rate + rate * seconds) + 1);
            assertThat(flooder.drain().stream().filter(f -> f.path("action").asText().equals("error")).count())
                    .as("rate_limited at most once a second").isLessThanOrEqualTo((long) Math.ceil(seconds) + 1);
        }
    }

    private static void waitMillis(long millis) {
        // Paces an attack's send rate; it waits for nothing.
        java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000);
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileFastClientsKeepReceivingAndTheHeapStaysBounded() throws Exception {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--max-outbound-bytes", "1048576",
                "--max-messages-per-second", "10000"));
                WsProbe sender = server.joined("slow"); WsProbe fast = server.joined("slow")) {
            long baseline = usedHeapAfterGc();
            String stalledId;
            try (StalledReader stalled = new StalledReader(server.ws(), "slow")) {
                stalledId = fast.await("memberJoined").get("id").asText();
                String payload = "y".repeat(60_000);
                int sent = 0;
                boolean dropped = false;
                for (; sent < 2000 && !dropped; sent++) {
                    sender.send("{\"action\":\"talkToRoom\",\"data\":\"" + payload + "\"}");
                    assertThat(fast.await("talkToRoom").get("data").asText()).hasSize(60_000);
                    dropped = fast.drain().stream().anyMatch(f -> f.path("action").asText().equals("memberLeft"));
                }
                assertThat(dropped).as("the stalled reader was dropped after %d messages", sent).isTrue();
                assertThat(sent).as("dropped near its 1 MiB backlog, not later").isLessThan(200);
                long growth = usedHeapAfterGc() - baseline;
                assertThat(growth).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
            }
            sender.send("{\"action\":\"talkToRoom\",\"data\":\"still flowing\"}");
            assertThat(fast.await("talkToRoom").get("data").asText()).isEqualTo("still flowing");
            JsonNode room = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(server.get("/api/rooms/slow").body());
            assertThat(room.get("members").findValuesAsText("id")).doesNotContain(stalledId).hasSize(2);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aClientVanishingMidSendLeavesItsRoomAndTheServerGoesOn() throws Exception {
        try (TestServer server = new TestServer(); WsProbe bystander = server.joined("vanish")) {
            RawWebSocket raw = new RawWebSocket(server.port());
            raw.sendTextBytes("{\"action\":\"newClient\",\"room\":\"vanish\"}".getBytes(StandardCharsets.US_ASCII));
            String id = bystander.await("memberJoined").get("id").asText();
            raw.sendPartialFrameAndVanish(5000, 100);
            assertThat(bystander.await("memberLeft").get("id").asText()).isEqualTo(id);
            bystander.send("{\"action\":\"echo\",\"data\":1}");
            bystander.await("echo");
            assertThat(server.server.engine().rooms().toCompletableFuture().join()).extracting(r -> r.size()).containsExactly(1);
        }
    }

    @Test
    void binaryFramesAreBadMessage() {
        try (TestServer server = new TestServer(); WsProbe client = server.client()) {
            client.sendBinary(new byte[1024]);
            assertThat(client.awaitError()).isEqualTo("bad_message");
            assertThat(List.of(client.isOpen())).containsExactly(true);
        }
    }
}
