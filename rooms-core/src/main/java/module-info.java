/**
 * The rooms engine: the API ({@code io.rooms}), the interfaces adapters implement
 * ({@code io.rooms.spi}) and what every transport shares ({@code io.rooms.transport}). The engine's
 * internals are package-private in {@code io.rooms}.
 */
module io.rooms.core {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.rooms;
    exports io.rooms.spi;
    exports io.rooms.transport;
}
