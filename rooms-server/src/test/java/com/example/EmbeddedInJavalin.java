package com.example;

import io.javalin.Javalin;
import io.rooms.RoomsEngine;
import io.rooms.server.RoomsRoutes;
import io.rooms.server.RoomsServer;
import io.rooms.server.ServerSettings;

/** Rooms inside an app that has its own Javalin: its /ws, /rooms.js and /api beside the app's routes. */
public final class EmbeddedInJavalin {
    public static Javalin start(int port) {
        ServerSettings settings = ServerSettings.fromFlags("--allowed-origins", "https://app.example.com");
        RoomsEngine engine = RoomsServer.engine(settings).build();          // an in-memory store: add .store(...)
        RoomsRoutes rooms = RoomsRoutes.of(engine, settings).withDemoPages(false);
        return Javalin.create(config -> {
            config.routes.get("/hello", ctx -> ctx.result("the app's own route"));
            rooms.mount(config);
            config.events.serverStopping(() -> {
                rooms.stop();                                                // writes state, closes with 1001
                engine.close();
            });
        }).start(port);
    }
}
