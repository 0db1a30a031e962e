package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity, access and server control against the jar, as the contract's part two states them:
 * 401 at the handshake, {@code user} on members, {@code forbidden}, 4001 at {@code exp} unless
 * refreshed, the control endpoints, RS256, and no token in the log.
 */
class AuthIT {
    private static final String ADMIN = "admin-token-for-it";

    @TempDir
    Path workDir;
    private ServerProcess server;
    private int port;
    /** Every token a test used: none may appear in the server's log. */
    private final List<String> tokens = new ArrayList<>();
    private final List<WsProbe> probes = new ArrayList<>();

    private void start(String... authFlags) throws Exception {
        List<String> flags = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0", "--db", "jdbc:h2:mem:auth",
                "--admin-token", ADMIN));
        flags.addAll(List.of(authFlags));
        server = ServerProcess.start(workDir, Map.of(), flags.toArray(String[]::new));
        port = server.awaitPort();
    }

    private void startWithSecret() throws Exception {
        start("--auth-secret", Tokens.SECRET);
    }

    private WsProbe connect(String token) {
        tokens.add(token);
        WsProbe probe = WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws?token=" + token));
        probes.add(probe);
        return probe;
    }

    private int refusedWith(String token) {
        tokens.add(token);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws" + (token == null ? "" : "?token=" + token))));
        assertThat(thrown).as("handshake with %s", token).isInstanceOf(WsProbe.HandshakeFailed.class);
        return ((WsProbe.HandshakeFailed) thrown).status();
    }

    private HttpResponse<String> admin(HttpRequest.Builder request) {
        return TestServer.send(request.header("Authorization", "Bearer " + ADMIN).build());
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @AfterEach
    void noTokenInTheLog() throws Exception {
        probes.forEach(WsProbe::close);
        if (server != null) {
            server.terminate();
            server.awaitExit(Duration.ofSeconds(20));
            String log = server.stderr() + String.join("\n", server.stdout());
            for (String token : tokens) {
                if (token != null && token.length() > 10) {
                    assertThat(log).as("the log").doesNotContain(token);
                    String signature = token.substring(token.lastIndexOf('.') + 1);
                    if (signature.length() > 10) {
                        assertThat(log).as("the log").doesNotContain(signature);
                    }
                }
            }
            server.close();
        }
    }

    @Test
    void aHandshakeWithoutAValidTokenIsRefusedWith401AndAValidOneJoinsWithItsUserAndName() throws Exception {
        startWithSecret();
        assertThat(refusedWith(null)).as("no token").isEqualTo(401);
        assertThat(refusedWith(Tokens.sign(Tokens.hmac("some-other-secret-of-at-least-32-bytes"), JWSAlgorithm.HS256,
                Tokens.claims("ann")))).as("bad signature").isEqualTo(401);
        assertThat(refusedWith(Tokens.unsigned(Tokens.claims("ann")))).as("alg none").isEqualTo(401);
        assertThat(refusedWith(Tokens.hs256(Tokens.claims("ann").expirationTime(Date.from(Instant.now().minusSeconds(60))))))
                .as("expired").isEqualTo(401);
        assertThat(refusedWith("not-a-token")).as("garbage").isEqualTo(401);
        // Browsers cannot see a handshake's status; a plain GET tells the client whether its token is refused.
        assertThat(TestServer.send(HttpRequest.newBuilder(http("/ws?token=not-a-token")).build()).statusCode()).isEqualTo(401);
        assertThat(TestServer.send(HttpRequest.newBuilder(http("/ws?token=" + Tokens.hs256("ann"))).build()).statusCode())
                .isEqualTo(426);

        WsProbe ann = connect(Tokens.hs256(Tokens.claims("u-ann", "Ann", null)));
        JsonNode joined = ann.join("lobby");
        assertThat(joined.get("user").asText()).isEqualTo("u-ann");
        assertThat(joined.get("name").asText()).isEqualTo("Ann");
        WsProbe bob = connect(Tokens.hs256(Tokens.claims("u-bob", "Bob", null)));
        JsonNode bobJoined = bob.join("lobby");
        assertThat(bobJoined.get("members").findValuesAsText("user")).containsExactlyInAnyOrder("u-ann", "u-bob");
        assertThat(ann.await("memberJoined").get("user").asText()).isEqualTo("u-bob");
        JsonNode view = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                TestServer.send(HttpRequest.newBuilder(http("/api/rooms/lobby")).build()).body());
        assertThat(view.get("members").findValuesAsText("user")).containsExactlyInAnyOrder("u-ann", "u-bob");
    }

    @Test
    void joiningARoomTheTokenDoesNotAllowIsForbiddenAndNobodyThereHearsIt() throws Exception {
        startWithSecret();
        WsProbe player = connect(Tokens.hs256(Tokens.claims("p", "Player", List.of("game-*"))));
        WsProbe insider = connect(Tokens.hs256(Tokens.claims("i", "Insider", null)));
        insider.join("staff");
        player.join("game-1");
        player.send("{\"action\":\"newClient\",\"room\":\"staff\"}");
        assertThat(player.awaitError()).isEqualTo("forbidden");
        WsProbe fence = connect(Tokens.hs256(Tokens.claims("f", "Fence", null)));
        String fenceId = fence.join("staff").get("id").asText(); // joins after the refused one was decided
        WsProbe.Fenced joins = insider.until(frame -> frame.path("action").asText().equals("memberJoined")
                && frame.path("id").asText().equals(fenceId));
        assertThat(joins.anyBefore("memberJoined")).as("the player was never in staff: %s", joins.before()).isFalse();
        WsProbe other = connect(Tokens.hs256("o"));
        other.join("game-1");
        player.send("{\"action\":\"talkToRoom\",\"data\":\"still in game-1\"}");
        assertThat(other.await("talkToRoom").get("data").asText()).isEqualTo("still in game-1");
    }

    @Test
    void aLiveConnectionIsClosedWith4001AtExpUnlessItRefreshedFirst() throws Exception {
        startWithSecret();
        // Room for two connects, two joins and two refreshes before exp, on a loaded machine too
        // (with 3 s, a run with three test JVMs once joined after the token had expired).
        Instant exp = Instant.now().plusSeconds(6);
        WsProbe expiring = connect(Tokens.hs256(Tokens.claims("u-exp").expirationTime(Date.from(exp))));
        WsProbe refreshing = connect(Tokens.hs256(Tokens.claims("u-ref").expirationTime(Date.from(exp))));
        expiring.join("r");
        refreshing.join("r");

        String bad = Tokens.hs256(Tokens.claims("someone-else"));
        tokens.add(bad);
        refreshing.send("{\"action\":\"refresh\",\"token\":\"" + bad + "\"}");
        assertThat(refreshing.awaitError()).isEqualTo("bad_token");
        String good = Tokens.hs256(Tokens.claims("u-ref").expirationTime(Date.from(exp.plusSeconds(60))));
        tokens.add(good);
        refreshing.send("{\"action\":\"refresh\",\"token\":\"" + good + "\"}");
        refreshing.await("refreshed");

        assertThat(expiring.awaitClose()).isEqualTo(4001);
        Instant closedAt = Instant.now();
        // exp has whole seconds: the close comes at it, within the second the contract allows.
        Instant expSecond = Instant.ofEpochSecond(exp.getEpochSecond());
        assertThat(closedAt).isAfterOrEqualTo(expSecond).isBefore(expSecond.plusSeconds(1).plusMillis(500));
        // Past the bound the contract gives the first exp (the close above came within it), the
        // refreshed connection still answers, and nothing refused it meanwhile.
        Instant bound = expSecond.plusSeconds(1).plusMillis(500);
        Await.until("the first exp's bound has passed", () -> Instant.now().isAfter(bound));
        refreshing.send("{\"action\":\"echo\",\"data\":\"fence\"}");
        assertThat(refreshing.until(WsProbe.frame("echo", "fence")).anyBefore("error")).isFalse();
        assertThat(refreshing.isOpen()).as("the refreshed connection outlives the first exp").isTrue();
    }

    @Test
    void theControlEndpointsSendToOneMemberRemoveAMemberAndDisconnectAUser() throws Exception {
        startWithSecret();
        WsProbe ann = connect(Tokens.hs256(Tokens.claims("ann")));
        WsProbe annAgain = connect(Tokens.hs256(Tokens.claims("ann")));
        WsProbe bob = connect(Tokens.hs256(Tokens.claims("bob")));
        String annId = ann.join("r").get("id").asText();
        String bobId = bob.join("r").get("id").asText();
        ann.await("memberJoined");

        HttpResponse<String> pushed = admin(HttpRequest.newBuilder(http("/api/rooms/r/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"welcome\",\"data\":\"you are the 2nd\",\"to\":\""
                        + bobId + "\"}")));
        assertThat(pushed.statusCode()).isEqualTo(202);
        assertThat(pushed.body()).isEqualTo("{\"recipients\":1}");
        JsonNode welcome = bob.await("welcome");
        assertThat(welcome.get("from").asText()).isEqualTo("server");
        assertThat(admin(HttpRequest.newBuilder(http("/api/rooms/r/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"fence\",\"data\":\"fence\",\"to\":\""
                        + annId + "\"}"))).statusCode()).isEqualTo(202);
        assertThat(ann.until(WsProbe.frame("fence", "fence")).anyBefore("welcome")).as("the welcome was bob's only")
                .isFalse();
        assertThat(admin(HttpRequest.newBuilder(http("/api/rooms/r/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"x\",\"to\":\"zz-1\"}"))).statusCode()).isEqualTo(404);

        assertThat(admin(HttpRequest.newBuilder(http("/api/rooms/r/members/" + bobId)).DELETE()).statusCode()).isEqualTo(200);
        assertThat(bob.await("removed").get("room").asText()).isEqualTo("r");
        assertThat(ann.await("memberLeft").get("id").asText()).isEqualTo(bobId);
        assertThat(bob.isOpen()).isTrue();
        assertThat(admin(HttpRequest.newBuilder(http("/api/rooms/r/members/" + bobId)).DELETE()).statusCode()).isEqualTo(404);
        assertThat(TestServer.send(HttpRequest.newBuilder(http("/api/rooms/r/members/" + annId)).DELETE().build())
                .statusCode()).as("without the admin token").isEqualTo(401);

        HttpResponse<String> disconnected = admin(HttpRequest.newBuilder(http("/api/users/ann")).DELETE());
        assertThat(disconnected.statusCode()).isEqualTo(200);
        assertThat(disconnected.body()).isEqualTo("{\"closed\":2}");
        assertThat(ann.awaitClose()).isEqualTo(4003);
        assertThat(annAgain.awaitClose()).isEqualTo(4003);
        assertThat(bob.isOpen()).isTrue();
    }

    @Test
    void rs256TokensAreCheckedAgainstAPemPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path pem = Files.writeString(workDir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        start("--auth-public-key", pem.toString());

        WsProbe signed = connect(Tokens.sign(new RSASSASigner(pair.getPrivate()), JWSAlgorithm.RS256,
                Tokens.claims("u-rsa", "Rsa", null)));
        assertThat(signed.join("r").get("user").asText()).isEqualTo("u-rsa");
        assertThat(refusedWith(Tokens.hs256("u-rsa"))).as("HS256 where RS256 is configured").isEqualTo(401);
        assertThat(refusedWith(Tokens.sign(Tokens.hmac(new String(pair.getPublic().getEncoded(),
                java.nio.charset.StandardCharsets.ISO_8859_1)), JWSAlgorithm.HS256, Tokens.claims("u-rsa"))))
                .as("HS256 keyed with the public key").isEqualTo(401);
    }
}
