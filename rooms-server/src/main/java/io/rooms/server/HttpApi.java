package io.rooms.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rooms.ErrorCode;
import io.rooms.spi.MemberInfo;
import io.rooms.RoomsEngine;
import io.rooms.spi.RoomSummary;
import io.rooms.RoomView;
import io.rooms.transport.javalin.JavalinTransport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.security.MessageDigest;

/** The HTTP endpoints of the contract: health, metrics, the rooms API and the server push. Thread-safe. */
final class HttpApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final RoomsEngine engine;
    private final PrometheusMeterRegistry registry;
    private final JavalinTransport webSocket;
    private final byte[] adminToken;
    private final PushRequest pushes;
    private final java.util.concurrent.ScheduledExecutorService timer;
    /** A push's body must arrive within this, however slowly it trickles. */
    private static final long BODY_DEADLINE_MILLIS = 10_000;

    /** @param timer the server's timer, for the push bodies' deadlines */
    HttpApi(RoomsEngine engine, PrometheusMeterRegistry registry, JavalinTransport webSocket, String adminToken,
            int maxMessageBytes, java.util.concurrent.ScheduledExecutorService timer) {
        this.pushes = new PushRequest(maxMessageBytes);
        this.timer = timer;
        this.engine = engine;
        this.registry = registry;
        this.webSocket = webSocket;
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    }

    void health(Context ctx) {
        boolean stopping = webSocket.isStopping();
        ctx.status(stopping ? 503 : 200);
        json(ctx, JSON.createObjectNode().put("status", stopping ? "stopping" : "ok"));
    }

    void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }

    void listRooms(Context ctx) {
        ctx.future(() -> engine.rooms().toCompletableFuture().thenAccept(summaries -> {
            ArrayNode list = JSON.createArrayNode();
            for (RoomSummary summary : summaries) {
                list.addObject().put("room", summary.room()).put("size", summary.size());
            }
            json(ctx, list);
        }));
    }

    void showRoom(Context ctx) {
        String name = ctx.pathParam("room");
        if (!RoomsEngine.isValidRoomName(name)) {
            ctx.status(404);
            json(ctx, error("no such room"));
            return;
        }
        ctx.future(() -> engine.room(name).toCompletableFuture().thenAccept(view -> {
            if (view.isEmpty()) {
                ctx.status(404);
                json(ctx, error("no such room"));
            } else {
                json(ctx, toJson(view.get()));
            }
        }));
    }

    /**
     * Whether the request carries the admin token; answers it otherwise: 404 while the control
     * endpoints are off (no {@code --admin-token}), 401 for a missing or wrong token (compared in
     * constant time).
     */
    private boolean isAdmin(Context ctx) {
        if (adminToken == null) {
            ctx.status(404);
            json(ctx, error("the server control endpoints are disabled: start the server with --admin-token"));
            return false;
        }
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, adminToken)) {
            ctx.status(401).header("WWW-Authenticate", "Bearer");
            json(ctx, error("a valid Authorization: Bearer token is required"));
            return false;
        }
        return true;
    }

    /**
     * {@code GET /api/summary}: this node's counters as JSON, for the dashboard (which turns the totals
     * into rates itself): admin token.
     */
    void summary(Context ctx) {
        if (!isAdmin(ctx)) {
            return;
        }
        io.rooms.EngineStats stats = engine.stats();
        ObjectNode body = JSON.createObjectNode()
                .put("node", engine.cluster().nodeId())
                .put("stopping", webSocket.isStopping())
                .put("connections", stats.connections())
                .put("rooms", stats.rooms())
                .put("messagesIn", stats.messagesIn())
                .put("messagesOut", stats.messagesOut())
                .put("stateSaves", stats.stateSaves())
                .put("stateSavesSkipped", stats.stateSavesSkipped())
                .put("storeFailures", stats.storeFailures());
        ObjectNode errors = body.putObject("errors");
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code.wire(), stats.errors(code));
        }
        ctx.future(() -> engine.cluster().nodes().toCompletableFuture().handle((nodes, failure) -> {
            ObjectNode cluster = body.putObject("cluster");
            cluster.put("connected", engine.cluster().isConnected()).put("failures", stats.clusterFailures());
            ArrayNode list = cluster.putArray("nodes");
            if (failure == null) {
                nodes.forEach(node -> list.addObject().put("node", node.id()).put("alive", node.alive()));
            }
            json(ctx, body);
            return null;
        }));
    }

    /** {@code DELETE /api/rooms/{room}/members/{id}}: takes the member out of the room, on whichever node it is. */
    void removeMember(Context ctx) {
        if (!isAdmin(ctx)) {
            return;
        }
        String room = ctx.pathParam("room");
        String id = ctx.pathParam("id");
        ctx.future(() -> engine.remove(room, id).toCompletableFuture().thenAccept(removed -> {
            if (removed) {
                json(ctx, JSON.createObjectNode().put("room", room).put("removed", id));
            } else {
                refuse(ctx, new PushRequest.Refusal(404, ErrorCode.NO_SUCH_MEMBER, "no member " + id + " in room " + room));
            }
        }));
    }

    /** {@code DELETE /api/users/{user}}: closes every socket of the user, on every node, with 4003. */
    void disconnectUser(Context ctx) {
        if (!isAdmin(ctx)) {
            return;
        }
        String user = ctx.pathParam("user");
        ctx.future(() -> engine.disconnectUser(user).toCompletableFuture().thenAccept(closed ->
                json(ctx, JSON.createObjectNode().put("closed", closed))));
    }

    void push(Context ctx) {
        if (!isAdmin(ctx)) {
            return;
        }
        String room = ctx.pathParam("room");
        if (!RoomsEngine.isValidRoomName(room)) {
            refuse(ctx, new PushRequest.Refusal(400, ErrorCode.BAD_ROOM, "room names match [A-Za-z0-9._-]{1,64}"));
            return;
        }
        PushRequest.Refusal early = pushes.checkHead(ctx.contentType(), ctx.req().getContentLengthLong());
        if (early != null) {
            refuse(ctx, early);
            return;
        }
        // The body is read without holding a request thread while it arrives: a slow or stuck
        // backend cannot take the threads that /health and new handshakes need.
        ctx.future(() -> BodyReader.read(ctx.req(), pushes.maxBytes(), BODY_DEADLINE_MILLIS, timer)
                .thenCompose(body -> {
                    PushRequest.Parsed parsed = pushes.parse(body);
                    if (parsed instanceof PushRequest.Refusal refusal) {
                        refuse(ctx, refusal);
                        return CompletableFuture.completedFuture(null);
                    }
                    PushRequest.Push push = (PushRequest.Push) parsed;
                    return engine.push(room, push.action(), push.rawData(), push.to()).toCompletableFuture()
                            .thenAccept(recipients -> {
                                if (push.to() != null && recipients == 0) {
                                    refuse(ctx, new PushRequest.Refusal(404, ErrorCode.NO_SUCH_MEMBER,
                                            "no member " + push.to() + " in room " + room));
                                    return;
                                }
                                ctx.status(202);
                                json(ctx, JSON.createObjectNode().put("recipients", recipients));
                            });
                })
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof BodyReader.TooSlow) {
                        refuse(ctx, new PushRequest.Refusal(408, ErrorCode.BAD_MESSAGE,
                                "the body did not arrive within " + BODY_DEADLINE_MILLIS / 1000 + " s"));
                    } else if (cause instanceof BodyReader.TooLarge) {
                        refuse(ctx, pushes.tooLarge());
                    } else {
                        // A broken chunked body or a client gone mid-body: the client's fault, not the server's.
                        refuse(ctx, new PushRequest.Refusal(400, ErrorCode.BAD_MESSAGE, "the body could not be read"));
                    }
                    return null;
                }));
    }

    private static void refuse(Context ctx, PushRequest.Refusal refusal) {
        ctx.status(refusal.status());
        json(ctx, error(refusal.message()).put("code", refusal.code().wire()));
    }

    private static ObjectNode toJson(RoomView view) {
        ObjectNode node = JSON.createObjectNode().put("room", view.room());
        ArrayNode members = node.putArray("members");
        for (MemberInfo member : view.members()) {
            ObjectNode entry = members.addObject().put("id", member.id()).put("name", member.name())
                    .put("color", member.color());
            if (member.user() != null) {
                entry.put("user", member.user());
            }
            if (member.meta() != null) {
                entry.putRawValue("meta", new RawValue(member.meta()));
            }
        }
        if (view.state() == null) {
            node.putNull("state");
        } else {
            node.putRawValue("state", new RawValue(view.state()));
        }
        return node;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(node.toString());
    }
}
