package io.rooms.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One simulated client of a {@link LoadRun}: joins its room (or its rooms, over this one socket), and
 * reports each delivery it receives.
 */
public final class BenchClient implements Session.Listener.AutoDemanding {

    private final LoadRun run;
    private final List<String> rooms;
    /** In several rooms, a message names its room: the next one in turn, as a JSON field; in one, nothing. */
    private final String[] roomFields;
    private int nextRoom;
    private int joinedRooms;
    final int node;
    private final CountDownLatch joined;
    private final Semaphore inFlight;
    private volatile Session session;
    private volatile boolean closing;
    private boolean hasJoined;

    BenchClient(LoadRun run, List<String> rooms, int node, CountDownLatch joined, Semaphore inFlight) {
        this.run = run;
        this.rooms = List.copyOf(rooms);
        this.roomFields = rooms.size() == 1 ? new String[] {""}
                : rooms.stream().map(room -> ",\"room\":\"" + room + "\"").toArray(String[]::new);
        this.node = node;
        this.joined = joined;
        this.inFlight = inFlight;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        if (rooms.size() == 1) { // what every peer speaks
            opened.sendText("{\"action\":\"newClient\",\"room\":\"" + rooms.get(0) + "\"}", Callback.NOOP);
            return;
        }
        for (String room : rooms) {
            opened.sendText("{\"action\":\"join\",\"room\":\"" + room + "\"}", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        if (!hasJoined) {
            if ((message.startsWith("{\"action\":\"joined\"") || message.contains("\"action\":\"joined\""))
                    && ++joinedRooms == rooms.size()) {
                hasJoined = true;
                inFlight.release();
                joined.countDown();
            }
            return;
        }
        int presenceAt = message.indexOf("\"pt\":");
        if (presenceAt >= 0) {
            run.presenceDelivered(parseLong(message, presenceAt + 5), System.nanoTime());
            return;
        }
        int at = message.indexOf("\"t\":");
        if (at < 0) {
            return;
        }
        long stamp = parseLong(message, at + 4);
        long now = System.nanoTime();
        int from = message.indexOf("\"n\":");
        run.delivered(stamp, now, from < 0 ? -1 : parseLong(message, from + 4), node);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (!closing) {
            System.err.println("bench client error: " + cause);
        }
    }

    /** The {@code room} field of this client's next message: its rooms take turns. Sending thread only. */
    String nextRoomField() {
        String field = roomFields[nextRoom];
        nextRoom = (nextRoom + 1) % roomFields.length;
        return field;
    }

    void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    void close() {
        closing = true;
        Session current = session;
        if (current != null) {
            current.close(1000, "done", Callback.NOOP);
        }
    }

    private static long parseLong(String text, int from) {
        long value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
