package io.rooms.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Messages waiting for their acknowledgement: kept in the order sent, per room, and bounded. */
class RetainedTest {
    private static Retained.Entry entry(String room, String ref) {
        return new Retained.Entry(room, JsonNodeFactory.instance.objectNode().put("ref", ref), new CompletableFuture<>());
    }

    @Test
    void aRoomsWaitingMessagesComeBackInTheOrderSentAndAnAcknowledgedOneIsGone() {
        Retained retained = new Retained(10);
        retained.add("r1", entry("a", "r1"));
        retained.add("r2", entry("b", "r2"));
        retained.add("r3", entry("a", "r3"));
        assertThat(retained.remove("r1")).isNotNull();
        assertThat(retained.remove("r1")).as("acknowledged twice").isNull();
        retained.add("r4", entry("a", "r4"));
        assertThat(retained.of("a")).extracting(e -> e.frame().get("ref").asText()).containsExactly("r3", "r4");
        assertThat(retained.drop("b")).hasSize(1);
        assertThat(retained.of("b")).isEmpty();
    }

    @Test
    void pastItsLimitTheOldestIsGivenUp() {
        Retained retained = new Retained(2);
        assertThat(retained.add("r1", entry("a", "r1"))).isNull();
        assertThat(retained.add("r2", entry("a", "r2"))).isNull();
        Retained.Entry dropped = retained.add("r3", entry("a", "r3"));
        assertThat(dropped.frame().get("ref").asText()).isEqualTo("r1");
        assertThat(retained.of("a")).extracting(e -> e.frame().get("ref").asText()).containsExactly("r2", "r3");
    }
}
