package io.rooms.spi;


/**
 * Decides whether a connection may join a room; a refusal is answered with error {@code forbidden}
 * and the client stays where it was. Plugged in with {@code RoomsEngine.builder().joinCheck(...)};
 * the default goes by the identity's {@link Identity#rooms()}. Called on the engine's threads; must
 * be thread-safe and must not block.
 */
@FunctionalInterface
public interface JoinCheck {
    /** The rooms the identity names (every room for an anonymous client). */
    JoinCheck BY_IDENTITY = (identity, room) -> identity.rooms().allows(room);

    boolean mayJoin(Identity identity, String room);
}
