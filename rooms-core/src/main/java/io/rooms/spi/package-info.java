/**
 * What an adapter implements or calls, and the values they share. A transport implements
 * {@link io.rooms.spi.Connection} and calls {@link io.rooms.spi.ConnectionAcceptor} and
 * {@link io.rooms.spi.ConnectionListener}; a store implements {@link io.rooms.spi.RoomStore}; a cluster
 * implements {@link io.rooms.spi.Cluster}: its {@link io.rooms.spi.Bus}, {@link io.rooms.spi.Roster},
 * {@link io.rooms.spi.SessionStore} and {@link io.rooms.spi.ClusterView}; authentication is an
 * {@link io.rooms.spi.Authenticator} and a {@link io.rooms.spi.JoinCheck}; time is a
 * {@link io.rooms.spi.Scheduler}. This package imports nothing else of Rooms.
 */
package io.rooms.spi;
