package io.rooms.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The browser client from rooms-client-js's resources: the module {@code /rooms.js}, the room
 * handle {@code /room.js}, the {@code /connection.js} and the {@code /pacer.js} it imports, and the
 * typings {@code /rooms.d.ts}.
 */
final class ClientFiles {
    /** Each file the server serves at its own path, whether or not the demo pages are on. */
    record ClientFile(String path, String contentType, byte[] body) {
        void serve(Context ctx) {
            ctx.contentType(contentType).result(body);
        }
    }

    private static final String SCRIPT = "text/javascript; charset=utf-8";

    private ClientFiles() {
    }

    static List<ClientFile> fromClasspath() {
        return List.of(
                file("/rooms.js", SCRIPT),
                file("/room.js", SCRIPT),
                file("/connection.js", SCRIPT),
                file("/pacer.js", SCRIPT),
                file("/rooms.d.ts", "application/typescript; charset=utf-8"));
    }

    private static ClientFile file(String path, String contentType) {
        return new ClientFile(path, contentType, read("/public" + path));
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
