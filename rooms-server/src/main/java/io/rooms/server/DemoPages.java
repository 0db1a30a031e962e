package io.rooms.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The demo pages at {@code /chat/{room}} and {@code /board/{room}}, from rooms-client-js's resources. */
final class DemoPages {
    private final String chat;
    private final String board;

    private DemoPages(String chat, String board) {
        this.chat = chat;
        this.board = board;
    }

    static DemoPages fromClasspath() {
        return new DemoPages(read("/public/chat.html"), read("/public/board.html"));
    }

    void chat(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(chat);
    }

    void board(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(board);
    }

    private static String read(String resource) {
        try (InputStream in = DemoPages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + ": is rooms-client-js on the classpath?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
