/**
 * What every transport shares, whatever carries the sockets: the
 * {@link io.rooms.transport.HandshakeGate} (stopping, origin, connection cap), the
 * {@link io.rooms.transport.SocketHandover} by which one transport takes over sockets another has
 * answered the handshake of, and the {@link io.rooms.transport.LingerLimits} of a closing socket.
 * The frame cap is {@code EngineSettings.maxFrameBytes()}; the stop sequence is
 * {@code RoomsEngine.shutdown}. Transports are siblings: they meet only here and in the server
 * that wires them.
 */
package io.rooms.transport;
