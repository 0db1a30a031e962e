package io.rooms.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The browser client, {@code /rooms.js} and its typings {@code /rooms.d.ts}, from rooms-client-js's resources. */
final class ClientFiles {
    private final byte[] script;
    private final byte[] typings;

    private ClientFiles(byte[] script, byte[] typings) {
        this.script = script;
        this.typings = typings;
    }

    static ClientFiles fromClasspath() {
        return new ClientFiles(read("/public/rooms.js"), read("/public/rooms.d.ts"));
    }

    void script(Context ctx) {
        ctx.contentType("text/javascript; charset=utf-8").result(script);
    }

    void typings(Context ctx) {
        ctx.contentType("application/typescript; charset=utf-8").result(typings);
    }

    /** A file rooms-client-js ships, from the classpath; a missing one says so. */
    static byte[] read(String resource) {
        try (InputStream in = ClientFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + ": is rooms-client-js on the classpath?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
