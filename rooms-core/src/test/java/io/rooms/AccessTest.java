package io.rooms;

import io.rooms.spi.RoomAccess;
import io.rooms.spi.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rooms.spi.Authentication;
import io.rooms.spi.Authenticator;
import io.rooms.spi.Handshake;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who connects and what they may do: the authenticator, the join check, expiry and refresh. */
class AccessTest {
    /** The fake wall clock when a harness starts. */
    private static final Instant START = FakeScheduler.EPOCH.plusSeconds(1);

    private static Handshake handshake(String token) {
        return new Handshake(token == null ? Map.of() : Map.of("token", List.of(token)), Map.of("X-Any", List.of("1")),
                new InetSocketAddress("127.0.0.1", 5555));
    }

    /** Tokens are "user:seconds-of-validity"; "bad" is refused. Enough to drive the engine's rules. */
    private static final Authenticator TOKENS = new Authenticator() {
        @Override
        public Authentication authenticate(Handshake handshake) {
            return parse(handshake.queryParameter("token"));
        }

        @Override
        public Authentication refresh(Identity current, String token) {
            return parse(token);
        }

        private Authentication parse(String token) {
            if (token == null || !token.contains(":")) {
                return new Authentication.Refused("no token");
            }
            String[] parts = token.split(":");
            return new Authentication.Accepted(new Identity(parts[0], null, RoomAccess.ALL,
                    START.plusSeconds(Long.parseLong(parts[1]))));
        }
    };

    @Test
    void theAuthenticatorDecidesAtTheHandshakeAndOneThatThrowsRefuses() {
        Harness harness = new Harness(RoomsEngine.builder().authenticator(TOKENS));
        assertThat(harness.engine.authenticate(handshake("ann:60")))
                .isEqualTo(new Authentication.Accepted(new Identity("ann", null, RoomAccess.ALL, START.plusSeconds(60))));
        assertThat(harness.engine.authenticate(handshake(null))).isInstanceOf(Authentication.Refused.class);

        Harness failing = new Harness(RoomsEngine.builder().authenticator(h -> {
            throw new IllegalStateException("session store down");
        }));
        assertThat(failing.engine.authenticate(handshake("x"))).isEqualTo(new Authentication.Refused("authentication failed"));
    }

    @Test
    void withoutAnAuthenticatorEveryoneIsAnonymousAndCarriesNoUser() {
        Harness harness = new Harness();
        assertThat(harness.engine.authenticate(handshake(null))).isEqualTo(new Authentication.Accepted(Identity.ANONYMOUS));
        JsonNode joined = harness.joined("r").join("r");
        assertThat(joined.has("user")).isFalse();
        assertThat(joined.get("members").get(0).has("user")).isFalse();
    }

    @Test
    void membersCarryTheirUserAndTheNameTheirIdentityGives() {
        Harness harness = new Harness();
        TestClient ann = harness.connect(Identity.of("u-ann", "Ann"));
        ann.join("r");
        TestClient bob = harness.connect(Identity.of("u-bob", null));
        JsonNode joined = bob.join("r");

        assertThat(joined.get("user").asText()).isEqualTo("u-bob");
        assertThat(joined.get("members").findValuesAsText("user")).containsExactlyInAnyOrder("u-ann", "u-bob");
        JsonNode heard = ann.last("memberJoined");
        assertThat(heard.get("user").asText()).isEqualTo("u-bob");

        ann.send("{\"action\":\"newClient\",\"room\":\"r\",\"data\":{\"name\":\"Mallory\"}}");
        assertThat(ann.last("joined").get("name").asText()).as("a verified name stands").isEqualTo("Ann");
    }

    @Test
    void aJoinTheIdentityDoesNotAllowIsForbiddenAndTheClientStaysWhereItWas() {
        Harness harness = new Harness();
        TestClient player = harness.connect(new Identity("p", null, RoomAccess.of(List.of("game-*", "lobby")), null));
        TestClient other = harness.joined("game-1");
        TestClient insider = harness.joined("secret");
        player.join("game-1");
        player.join("lobby");
        player.join("game-1");
        other.clear();
        insider.clear();

        player.send("{\"action\":\"newClient\",\"room\":\"secret\"}");

        assertThat(player.lastErrorCode()).isEqualTo("forbidden");
        assertThat(insider.frames()).as("nobody in the room hears anything").isEmpty();
        assertThat(other.frames()).as("the player did not leave its room").isEmpty();
        player.send("{\"action\":\"talkToRoom\",\"data\":\"still here\"}");
        assertThat(other.last("talkToRoom").get("data").asText()).isEqualTo("still here");
    }

    @Test
    void anApplicationsJoinCheckDecidesPerRoom() {
        Harness harness = new Harness(RoomsEngine.builder().joinCheck((identity, room) -> !room.startsWith("admin")));
        TestClient client = harness.connect();
        client.send("{\"action\":\"newClient\",\"room\":\"admin-panel\"}");
        assertThat(client.lastErrorCode()).isEqualTo("forbidden");
        assertThat(client.join("chat").get("room").asText()).isEqualTo("chat");
    }

    @Test
    void aLiveConnectionIsClosedWith4001AtItsExpiryAndNotBefore() {
        Harness harness = new Harness();
        TestClient client = harness.connect(new Identity("u", null, RoomAccess.ALL, START.plusSeconds(10)));
        client.join("r");

        harness.advance(Duration.ofMillis(9_999));
        assertThat(client.connection.isOpen()).isTrue();
        harness.advance(Duration.ofMillis(1));
        assertThat(client.connection.isOpen()).isFalse();
        assertThat(client.connection.closeCode()).isEqualTo(4001);
    }

    @Test
    void aRefreshForTheSameUserWithALaterExpiryMovesTheDeadline() {
        Harness harness = new Harness(RoomsEngine.builder().authenticator(TOKENS));
        TestClient client = harness.connect(new Identity("u", null, RoomAccess.ALL, START.plusSeconds(10)));
        client.join("r");
        harness.advance(Duration.ofSeconds(5));

        client.send("{\"action\":\"refresh\",\"token\":\"u:30\"}");
        assertThat(client.last("refreshed").get("exp").asLong()).isEqualTo(START.plusSeconds(30).getEpochSecond());

        harness.advance(Duration.ofSeconds(24)); // 29 s in: past the first expiry, before the second
        assertThat(client.connection.isOpen()).isTrue();
        harness.advance(Duration.ofSeconds(1));
        assertThat(client.connection.closeCode()).isEqualTo(4001);
    }

    @Test
    void aBadRefreshIsBadTokenAndChangesNothing() {
        Harness harness = new Harness(RoomsEngine.builder().authenticator(TOKENS));
        TestClient client = harness.connect(new Identity("u", null, RoomAccess.ALL, START.plusSeconds(10)));
        client.join("r");

        for (String refresh : List.of("{\"action\":\"refresh\"}", "{\"action\":\"refresh\",\"token\":\"garbage\"}",
                "{\"action\":\"refresh\",\"token\":\"someone-else:60\"}", "{\"action\":\"refresh\",\"token\":\"u:5\"}")) {
            client.clear();
            client.send(refresh);
            assertThat(client.lastErrorCode()).as(refresh).isEqualTo("bad_token");
            assertThat(client.last("error").get("message").asText()).as("never echoes the token")
                    .doesNotContain("someone-else:60", "garbage");
        }
        harness.advance(Duration.ofSeconds(10));
        assertThat(client.connection.closeCode()).as("the first expiry still holds").isEqualTo(4001);
    }

    @Test
    void anAnonymousConnectionCannotRefreshAndNeverExpires() {
        Harness harness = new Harness(RoomsEngine.builder().authenticator(TOKENS));
        TestClient client = harness.connect();
        client.send("{\"action\":\"refresh\",\"token\":\"u:60\"}");
        assertThat(client.lastErrorCode()).isEqualTo("bad_token");
        harness.advance(Duration.ofDays(2));
        assertThat(client.connection.closeCode()).isNotEqualTo(4001);
    }
}
