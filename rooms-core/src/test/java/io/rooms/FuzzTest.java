package io.rooms;

import io.rooms.spi.RoomSummary;
import io.rooms.spi.MemberInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Random and mutated frames thrown at the parser and dispatch: no exception escapes, every bad
 * input is answered with one of the contract's error codes, and membership stays consistent.
 */
class FuzzTest {
    /** An independent judge of well-formedness: one JSON value per frame, nothing after it. */
    private static final ObjectMapper ORACLE = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Set<String> CONTRACT_CODES = Set.of("bad_json", "bad_message", "bad_room", "not_in_room",
            "too_large", "rate_limited", "room_limit", "no_such_member");

    private Harness harness;
    private List<TestClient> clients;

    @BeforeTry
    void start() {
        harness = new Harness(EngineSettings.DEFAULTS.withMaxMessagesPerSecond(1_000_000).withMaxRooms(50)
                .withMaxRoomSize(4));
        clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(harness.joined("fuzz"));
        }
        clients.add(harness.connect());
    }

    @Property(tries = 500)
    void anyFrameIsHandledAndBadOnesGetAContractErrorCode(@ForAll("frames") List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            TestClient sender = clients.get(i % clients.size());
            sender.clear();
            String frame = frames.get(i);
            sender.send(frame);
            List<JsonNode> errors = sender.framesOf("error");
            assertThat(errors).allSatisfy(e -> assertThat(e.get("code").asText()).isIn(CONTRACT_CODES));
            assertThat(sender.connection.isOpen()).as("a bad frame never closes the connection: %s", frame).isTrue();
            String expected = expectedError(frame);
            if (expected != null) {
                assertThat(errors).as("frame %s", frame).extracting(e -> e.get("code").asText()).containsExactly(expected);
            }
        }
        assertMembershipConsistent();
    }

    /** What an independent JSON parser says the frame deserves, when it is malformed. */
    private static String expectedError(String frame) {
        JsonNode node;
        try {
            node = ORACLE.readTree(frame);
        } catch (Exception e) {
            return "bad_json";
        }
        if (node == null || node.isMissingNode()) {
            return "bad_json";
        }
        if (!node.isObject() || !node.path("action").isTextual() || node.get("action").asText().isEmpty()) {
            return "bad_message";
        }
        return null;
    }

    private void assertMembershipConsistent() {
        int members = harness.engine.rooms().toCompletableFuture().join().stream().mapToInt(RoomSummary::size).sum();
        long inRooms = clients.stream().filter(c -> c.listener.room() != null).count();
        assertThat(members).isEqualTo(inRooms);
        for (RoomSummary summary : harness.engine.rooms().toCompletableFuture().join()) {
            RoomView view = harness.engine.room(summary.room()).toCompletableFuture().join().orElseThrow();
            Set<String> ids = view.members().stream().map(MemberInfo::id).collect(Collectors.toSet());
            assertThat(ids).hasSize(summary.size());
            for (TestClient client : clients) {
                assertThat(ids.contains(client.id())).isEqualTo(summary.room().equals(client.listener.room()));
            }
        }
    }

    @Provide
    Arbitrary<List<String>> frames() {
        return Arbitraries.oneOf(messages(), mutated(messages()), Arbitraries.strings().ofMaxLength(40),
                jsonValues(3).map(String::valueOf)).list().ofMinSize(1).ofMaxSize(12);
    }

    private Arbitrary<String> messages() {
        Arbitrary<String> action = Arbitraries.oneOf(
                Arbitraries.of("newClient", "echo", "talkToRoom", "state", "leave", "move", "moving", "freeze", "", " "),
                Arbitraries.strings().ofMaxLength(12).map(ORACLE_QUOTE::apply),
                jsonValues(2)).map(String::valueOf);
        Arbitrary<String> room = Arbitraries.oneOf(Arbitraries.of("\"fuzz\"", "\"other\"", "\"a.b-c_d\"", "\"bad room\"",
                "\"\"", "null", "7", "[\"fuzz\"]", "\"" + "x".repeat(65) + "\""));
        Arbitrary<String> to = Arbitraries.of("\"nobody\"", "null", "1", "{}");
        Arbitrary<String> data = jsonValues(4);
        return Combinators.combine(action, room, to, data, Arbitraries.integers().between(0, 15))
                .as((a, r, t, d, fields) -> {
                    StringBuilder json = new StringBuilder("{");
                    List<String> parts = new ArrayList<>();
                    if ((fields & 1) != 0 || fields == 0) {
                        parts.add("\"action\":" + a);
                    }
                    if ((fields & 2) != 0) {
                        parts.add("\"room\":" + r);
                    }
                    if ((fields & 4) != 0) {
                        parts.add("\"to\":" + t);
                    }
                    if ((fields & 8) != 0) {
                        parts.add("\"data\":" + d);
                    }
                    parts.add("\"for\":\"x\"");
                    return json.append(String.join(",", parts)).append('}').toString();
                });
    }

    private static final java.util.function.Function<String, String> ORACLE_QUOTE = text -> {
        try {
            return ORACLE.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    };

    private Arbitrary<String> jsonValues(int depth) {
        Arbitrary<String> leaves = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0.0", "1e308", "-1e-308", "123456789012345678901234567890",
                        "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"é✓😀\"", "\"\""),
                Arbitraries.strings().ofMaxLength(10).map(ORACLE_QUOTE::apply),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<String> inner = jsonValues(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]")),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(3).map(items -> {
                    StringBuilder object = new StringBuilder("{");
                    for (int i = 0; i < items.size(); i++) {
                        object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(items.get(i));
                    }
                    return object.append('}').toString();
                })));
    }

    private Arbitrary<String> mutated(Arbitrary<String> valid) {
        return Combinators.combine(valid, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1000),
                Arbitraries.chars().ascii()).as((text, kind, at, c) -> {
                    int position = text.isEmpty() ? 0 : at % text.length();
                    return switch (kind) {
                        case 0 -> text.substring(0, position);
                        case 1 -> text.substring(0, position) + text.substring(Math.min(text.length(), position + 1));
                        case 2 -> text.substring(0, position) + c + text.substring(position);
                        default -> text + text;
                    };
                });
    }
}
