/**
 * The rooms engine: {@link io.rooms.RoomsEngine} and what an application configures and handles
 * (settings, {@link io.rooms.ActionHandler}, {@link io.rooms.Message}, {@link io.rooms.ErrorCode}).
 * The engine's parts live here too, package-private; {@code EngineParts} wires them once, and each
 * owns one thing.
 *
 * <h2>Who owns what</h2>
 * <ul>
 *   <li>{@code ClientRegistry}: this node's connected clients by id (open, drop, take-over, rename).</li>
 *   <li>{@code Room}: one room's members on this node, its newcomers waiting for state and its joins
 *       on their way; everything in it is guarded by its monitor, {@code synchronized (room)}.</li>
 *   <li>{@code Client}: one socket's id, identity, outbox and held messages; its {@code room} and
 *       {@code member} are written under the room's monitor only.</li>
 *   <li>The {@link io.rooms.spi.Cluster}'s {@link io.rooms.spi.Bus}: each room's one stream of events,
 *       in one order for every node.</li>
 *   <li>{@code StateSaver}/{@code StateWriter}: room state on its way to the store, beside the
 *       delivery path.</li>
 * </ul>
 *
 * <h2>A message's path</h2>
 * <pre>
 * transport thread (Netty loop / Jetty thread), one event at a time per socket
 *   ClientSocket.onText
 *   MessageDispatcher.onText   size, rate limit; held if the client's join is on its way
 *   MessageDispatcher.dispatch parse, duplicate ref; a MessageContext per message
 *   ActionHandler              built-in (BuiltinActions) or the application's; no lock held
 *   Relay.relay                a BusEvent.Said, published; its ack deferred until the bus has it
 * bus (MemoryBus: the caller's thread, under the room's registry monitor;
 *      RedisBus: the cluster's event thread, one at a time)
 *   BusListener.onEvent        renders the frame once (ServerFrames), no lock held
 *   Room.deliver               under synchronized (room): queues it in each member's Outbox
 *   Batch.flush                no lock held: each Outbox drains, on the connection's writer
 *                              (its Netty loop) or a flush thread
 *   Connection.send            the transport writes the series
 * </pre>
 *
 * <h2>A join's path</h2>
 * <pre>
 * transport thread
 *   Joining.join               checks (name, AccessControl, Profile), leaves the previous room
 *                              (Leaving), takes the room (LocalRooms), holds the client's next
 *                              messages (MessageContext.holdUntil)
 *   Resumes.resume             only with "resume": the session from the SessionStore, checked
 * bus thread (or the caller's, in memory)
 *   Bus.join                   capacity, activity order, the room's stream
 *   Joining.admitted           under synchronized (room): member, session (SessionTracker),
 *                              joined, what it missed; then no lock held: the frames written,
 *                              the state hand-off (HandoffCoordinator) or the store's state
 * flush thread
 *   MessageDispatcher          the messages held meanwhile, in order
 * </pre>
 * No lock is held while a socket is written, and no part calls back into the one that called it.
 */
package io.rooms;
