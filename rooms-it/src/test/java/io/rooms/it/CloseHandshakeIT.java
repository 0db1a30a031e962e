package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The close code a refused client receives while it is still writing: the server sends its close
 * frame, then reads and discards what the client still sends until the client's own close, so the
 * client's kernel is never reset with the close frame unread (RFC 6455 section 7.1.1).
 */
class CloseHandshakeIT {
    private static final int TRIES = 50;
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
}
