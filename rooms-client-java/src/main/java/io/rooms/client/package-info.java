/**
 * A Java client of Rooms, on the JDK's {@link java.net.http.WebSocket} and Jackson.
 *
 * <pre>{@code
 * RoomsClient client = RoomsClient.builder(URI.create("ws://localhost:7070/ws")).build();
 * Room lobby = client.room("lobby").on("talkToRoom", message -> System.out.println(message.data()));
 * client.connect().join();
 * lobby.talk("hello");
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>A message sent with {@link io.rooms.client.Room#send}, {@link io.rooms.client.Room#talk} or
 *       {@link io.rooms.client.Room#request} is kept until the server acknowledges it, and sent again
 *       after a reconnect once its room is resumed: the server's dedupe of refs within a session makes
 *       that exactly once. At most {@code keepLimit} wait; past it the oldest is given up and its
 *       future fails.</li>
 *   <li>After a reconnect every room is resumed from the last {@code seq} it saw: the server replays
 *       what the room missed, in order, each once; {@link io.rooms.client.Room#recovered()} says whether
 *       it could (a room that cannot be resumed is joined afresh, and a message re-sent into a fresh
 *       session can arrive twice).</li>
 *   <li>Messages leave in the order they were sent, no faster than the server's
 *       {@code --max-messages-per-second} ({@link io.rooms.client.RoomsClientBuilder#maxMessagesPerSecond},
 *       100 by default): the server drops what comes over its rate, and a dropped message would be
 *       overtaken by the next. What is over the rate waits its turn; the messages kept through an
 *       outage leave at that rate after the resume.</li>
 *   <li>{@link io.rooms.client.Room#sendVolatile} is dropped while offline or when it cannot go at
 *       once, never queued.</li>
 *   <li>Statuses as the browser client's ({@link io.rooms.client.Status}); a refused handshake (401)
 *       and the closes 1008, 1009 and 4003 stop the client ({@link io.rooms.client.Status#CLOSED},
 *       {@link io.rooms.client.RoomsClient#closeReason()}); any other loss reconnects after the
 *       {@link io.rooms.client.Backoff}, and a 4001 at once with the token supplier's next token.</li>
 * </ul>
 *
 * <p>Threading: every method is thread-safe and returns at once. Handlers and status listeners run on
 * the callback executor (by default one thread of the client's), one at a time, in the order the
 * frames came.
 */
package io.rooms.client;
