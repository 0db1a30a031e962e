package io.rooms.spi;

/** A room with members, as {@code GET /api/rooms} lists it. */
public record RoomSummary(String room, int size) {}
