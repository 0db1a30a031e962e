package io.rooms.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP relay on loopback with the faults of a real network path:
 * <ul>
 *   <li>{@link #cutOne()} closes a random connection at both ends at once, as a dropped connection or
 *       a crashed middlebox would, while the others go on;</li>
 *   <li>{@link #silent} keeps every connection open but stops forwarding, dropping what it reads, as a
 *       path that dies without a reset does (a laptop changing Wi-Fi); new connections are accepted
 *       and go nowhere meanwhile;</li>
 *   <li>{@link #refuse} turns everyone away for a while, and {@link #retarget} sends new connections
 *       to another port, as a load balancer does when a node is gone.</li>
 * </ul>
 */
final class FaultyProxy implements AutoCloseable {
    private final ServerSocket server;
    private volatile int target;
    private volatile boolean refusing;
    private volatile boolean silent;
    private final List<Socket[]> pairs = new CopyOnWriteArrayList<>();

    FaultyProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding (true) or forwards again (false), without closing anything. */
    void silent(boolean value) {
        silent = value;
    }

    /** New connections go to {@code port} from now on. */
    void retarget(int port) {
        target = port;
    }

    /** While refusing, every connection is cut, and new ones are closed as soon as they come. */
    void refuse(boolean value) {
        refusing = value;
        if (value) {
            pairs.forEach(this::close);
        }
    }

    /** Closes one connection, chosen at random, at both ends; false when there is none. */
    boolean cutOne() {
        if (pairs.isEmpty()) {
            return false;
        }
        Socket[] pair = pairs.get(ThreadLocalRandom.current().nextInt(pairs.size()));
        close(pair);
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                Socket[] pair = {client, upstream};
                pairs.add(pair);
                relay(client, upstream, pair);
                relay(upstream, client, pair);
            } catch (IOException upstreamGone) {
                close(new Socket[] {client}); // the target is not there: this connection fails, the next may not
            }
        }
    }

    private void relay(Socket from, Socket to, Socket[] pair) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!silent) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // cut, or closed by either end
            } finally {
                close(pair);
            }
        }, "faulty-proxy-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket[] pair) {
        pairs.remove(pair);
        for (Socket socket : pair) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pairs.forEach(this::close);
    }
}
