/**
 * What an adapter implements or calls: a transport implements {@link io.rooms.spi.Connection} and
 * calls {@link io.rooms.spi.ConnectionAcceptor}/{@link io.rooms.spi.ConnectionListener}; a store
 * implements {@link io.rooms.spi.RoomStore}.
 */
package io.rooms.spi;
