package io.rooms.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rooms each client of a run joins. With one room per client (the default, and all the peers
 * speak), {@code rooms} times {@code membersPerRoom} clients, each in its own room. With
 * {@code roomsPerClient} N above one, each client is in N rooms spread evenly over them, so that
 * every room still has {@code membersPerRoom} members: {@code rooms * membersPerRoom / N} clients,
 * client c in rooms c, c + R/N, c + 2R/N, ... (mod R). A hub is one more client, in every room,
 * that only listens: every message reaches it.
 */
record Layout(int rooms, int membersPerRoom, int roomsPerClient, boolean hub) {
    Layout {
        if (roomsPerClient < 1 || rooms % roomsPerClient != 0 || (rooms * membersPerRoom) % roomsPerClient != 0) {
            throw new IllegalArgumentException("--rooms-per-client must divide --rooms and rooms x clients per room");
        }
    }

    /** Clients that send (the hub does not). */
    int senders() {
        return rooms * membersPerRoom / roomsPerClient;
    }

    /** The rooms of sending client {@code c}, the first the one its sends take turns from. */
    List<String> roomsOf(int c) {
        if (roomsPerClient == 1) {
            return List.of(room(c / membersPerRoom));
        }
        int step = rooms / roomsPerClient;
        List<String> names = new ArrayList<>(roomsPerClient);
        for (int k = 0; k < roomsPerClient; k++) {
            names.add(room((c + k * step) % rooms));
        }
        return names;
    }

    List<String> hubRooms() {
        List<String> names = new ArrayList<>(rooms);
        for (int r = 0; r < rooms; r++) {
            names.add(room(r));
        }
        return names;
    }

    /** How many clients get each message: the room's other members, and the hub. */
    int deliveriesPerMessage() {
        return membersPerRoom - 1 + (hub ? 1 : 0);
    }

    static String room(int index) {
        return "bench-" + index;
    }
}
