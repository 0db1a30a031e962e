package io.rooms.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * Lets pages on the origins {@code --allowed-origins} names load the browser client from this
 * server ({@code /rooms.js}, the modules it imports, {@code /rooms.d.ts}): the same
 * origins that may open a socket may import the module, which browsers fetch with CORS. Others get
 * no header. Thread-safe.
 */
final class ClientCors {
    private final List<String> allowedOrigins;

    ClientCors(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    void apply(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Vary", "Origin");
        if (origin == null) {
            return;
        }
        if (allowedOrigins.contains("*")) {
            ctx.header("Access-Control-Allow-Origin", "*");
        } else if (allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
            ctx.header("Access-Control-Allow-Origin", origin.strip());
        }
    }
}
