package io.rooms.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** The demo pages at {@code /chat/{room}} and {@code /board/{room}}, and the dashboard at {@code /admin}, from rooms-client-js's resources. */
final class DemoPages {
    private final String chat;
    private final String board;
    private final String admin;

    private DemoPages(String chat, String board, String admin) {
        this.chat = chat;
        this.board = board;
        this.admin = admin;
    }

    static DemoPages fromClasspath() {
        return new DemoPages(read("/public/chat.html"), read("/public/board.html"), read("/public/admin.html"));
    }

    /** The operator's dashboard; its data needs the admin token, which the page asks for. */
    void admin(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(admin);
    }

    void chat(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(chat);
    }

    void board(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(board);
    }

    private static String read(String resource) {
        return new String(ClientFiles.read(resource), StandardCharsets.UTF_8);
    }
}
