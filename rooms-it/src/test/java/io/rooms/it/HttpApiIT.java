package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.server.ServerSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(ServerSettings.fromFlags("--admin-token", "s3cret"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> pushBytes(String contentType, String authorization, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.http("/api/rooms/http-strict/messages"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                .header("Authorization", authorization);
        return TestServer.send(request.build());
    }

    private static HttpResponse<String> push(String room, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.http("/api/rooms/" + room + "/messages"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return TestServer.send(request.build());
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<String> response = server.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void metricsUseTheContractsNamesInPrometheusText() {
        try (WsProbe client = server.joined("http-metrics")) {
            client.send("nope");
            client.awaitError();
            HttpResponse<String> response = server.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(response.body()).contains("rooms_connections ", "rooms_rooms ", "rooms_messages_in_total ",
                    "rooms_messages_out_total ", "rooms_state_saves_total ", "rooms_state_saves_skipped_total ",
                    "rooms_errors_total{code=\"bad_json\"}");
            assertThat(metric(response.body(), "rooms_errors_total{code=\"bad_json\"}")).isGreaterThanOrEqualTo(1);
            assertThat(metric(response.body(), "rooms_connections")).isGreaterThanOrEqualTo(1);
        }
    }

    static double metric(String text, String name) {
        return text.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(name.length() + 1).trim())).findFirst().orElse(Double.NaN);
    }

    @Test
    void roomsListsRoomsWithMembersAndTheirSize() throws Exception {
        try (WsProbe a = server.joined("http-list"); WsProbe b = server.joined("http-list")) {
            JsonNode rooms = JSON.readTree(server.get("/api/rooms").body());
            JsonNode entry = null;
            for (JsonNode room : rooms) {
                if (room.get("room").asText().equals("http-list")) {
                    entry = room;
                }
            }
            assertThat(entry).isNotNull();
            assertThat(entry.get("size").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aRoomShowsMembersAndStateAndAnUnknownRoomIs404() throws Exception {
        try (WsProbe a = server.client()) {
            String id = a.join("http-room").get("id").asText();
            a.send("{\"action\":\"move\",\"data\":{\"w\":1}}");
            a.send("{\"action\":\"echo\"}");
            a.await("echo");
            JsonNode room = JSON.readTree(server.get("/api/rooms/http-room").body());
            assertThat(room.get("room").asText()).isEqualTo("http-room");
            assertThat(room.get("members").get(0).get("id").asText()).isEqualTo(id);
            assertThat(room.get("members").get(0).has("name")).isTrue();
            assertThat(room.get("state").get("w").asInt()).isEqualTo(1);
        }
        assertThat(server.get("/api/rooms/never-used").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/rooms/bad%20name").statusCode()).isEqualTo(404);
    }

    @Test
    void aRoomWithSavedStateButNoMembersStillShows() throws Exception {
        try (WsProbe a = server.joined("http-saved")) {
            a.send("{\"action\":\"move\",\"data\":{\"kept\":true}}");
            a.send("{\"action\":\"leave\"}");
            a.send("{\"action\":\"echo\"}");
            a.await("echo");
        }
        HttpResponse<String> response = server.get("/api/rooms/http-saved");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode room = JSON.readTree(response.body());
        assertThat(room.get("members")).isEmpty();
        assertThat(room.get("state").get("kept").asBoolean()).isTrue();
    }

    @Test
    void aBackendPushReachesEveryMemberFromServer() throws Exception {
        try (WsProbe a = server.joined("http-push"); WsProbe b = server.joined("http-push")) {
            HttpResponse<String> response = push("http-push", "s3cret", "{\"action\":\"alert\",\"data\":{\"level\":2}}");
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(response.body()).get("recipients").asInt()).isEqualTo(2);
            for (WsProbe member : new WsProbe[] {a, b}) {
                JsonNode alert = member.await("alert");
                assertThat(alert.get("from").asText()).isEqualTo("server");
                assertThat(alert.get("data").get("level").asInt()).isEqualTo(2);
                assertThat(alert.get("room").asText()).isEqualTo("http-push");
            }
        }
    }

    @Test
    void aPushWithoutTheRightTokenIs401AndBadBodiesAre400() {
        assertThat(push("http-push", null, "{\"action\":\"a\"}").statusCode()).isEqualTo(401);
        assertThat(push("http-push", "wrong", "{\"action\":\"a\"}").statusCode()).isEqualTo(401);
        assertThat(push("http-push", "s3cret", "not json").statusCode()).isEqualTo(400);
        assertThat(push("http-push", "s3cret", "{\"data\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void aPushIsHeldToTheRulesOfASocketMessageWithTheSameErrorCodes() {
        String json = "application/json";
        String auth = "Bearer s3cret";
        HttpResponse<String> trailing = pushBytes(json, auth, "{\"action\":\"n\",\"data\":1} trailing".getBytes());
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(trailing.body()).contains("\"code\":\"bad_json\"");
        byte[] badUtf8 = {'{', '"', 'a', 'c', 't', 'i', 'o', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(pushBytes(json, auth, badUtf8).body()).contains("\"code\":\"bad_json\"");
        HttpResponse<String> large = pushBytes(json, auth,
                ("{\"action\":\"n\",\"data\":\"" + "x".repeat(70_000) + "\"}").getBytes());
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("\"code\":\"too_large\"");
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThat(pushBytes(json, auth, ("{\"action\":\"n\",\"data\":" + deep + "}").getBytes()).statusCode())
                .isEqualTo(400);
        assertThat(pushBytes("text/plain", auth, "{\"action\":\"n\"}".getBytes()).statusCode()).isEqualTo(415);
        assertThat(pushBytes(json, "bearer s3cret", "{\"action\":\"n\"}".getBytes()).statusCode())
                .as("the auth scheme is case-insensitive").isEqualTo(202);
        assertThat(pushBytes(json + "; charset=utf-8", auth, "{\"action\":\"n\",\"data\":[1]}".getBytes())
                .statusCode()).isEqualTo(202);
    }

    @Test
    void aBrokenChunkedBodyIs400AndLeavesNoStackTraceInTheLog() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.http("/").getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/rooms/http-strict/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer s3cret\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{\"action\":\"n\"}\r\n0\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 400");
        }
        // ServerLogIT, run after every test, fails on any stack trace in the servers' log.
    }

    @Test
    void withoutAnAdminTokenThePushEndpointIs404() {
        try (TestServer plain = new TestServer()) {
            HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(plain.http("/api/rooms/x/messages"))
                    .header("Authorization", "Bearer anything")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"a\"}")).build());
            assertThat(response.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theRootServesTheBrowserClientsPage() {
        HttpResponse<String> response = server.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<title>Rooms");
    }
}
