package com.example;

import io.rooms.RoomsEngine;
import io.rooms.server.RoomsServer;
import io.rooms.server.ServerSettings;
import io.rooms.store.jdbi.JdbiRoomStore;
import java.util.concurrent.ThreadLocalRandom;

/** Rooms with an action of its own: java com.example.ChatServer --port 8080 --max-room-size 50 */
public final class ChatServer {
    public static RoomsServer start(String... flags) {
        ServerSettings settings = ServerSettings.fromFlags(flags);   // the jar's flags, its defaults
        RoomsEngine engine = RoomsServer.engine(settings)             // the engine those flags describe
                .store(JdbiRoomStore.open(settings.db()))             // H2 by default, or --db jdbc:postgresql:...
                .handler("roll", (ctx, msg) -> ctx.reply("rolled",    // add or replace actions
                        Integer.toString(ThreadLocalRandom.current().nextInt(1, 7))))
                .build();
        return RoomsServer.start(settings, engine);
    }

    public static void main(String[] args) {
        RoomsServer server = start(args);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));   // writes state, closes with 1001
        // Push from your backend: never blocks, completes with the number of recipients.
        server.engine().push("lobby", "announcement", "{\"text\":\"deploy at 5\"}");
    }
}
