/**
 * What every transport shares, whatever carries the sockets: the {@link io.rooms.transport.HandshakeGate}
 * (stopping, origin, connection cap). The frame cap is {@link io.rooms.EngineSettings#maxFrameBytes()};
 * the stop sequence is {@link io.rooms.RoomsEngine#shutdown}.
 */
package io.rooms.transport;
