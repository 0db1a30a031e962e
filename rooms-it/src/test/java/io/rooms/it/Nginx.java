package io.rooms.it;

import io.rooms.testing.Executables;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Debian's nginx, started in the foreground with one site's configuration, in a test's own directory. */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nginx with {@code site} (an {@code http} block's content, listening on {@code port}) and waits until it listens. */
    static Nginx start(Path dir, String site, int port) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("rooms.conf"), site);
        // As root, nginx's workers would become nobody, who cannot read this test's files.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Files.writeString(dir.resolve("nginx.conf"), user + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/rooms.conf;
                }
                """.formatted(dir));
        Path binary = Executables.find("ROOMS_NGINX", "nginx", "nginx");
        Process process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return nginx;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    nginx.close();
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                            + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
                }
                process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded wait for it to listen
            }
        }
    }

    /** A site of the docs ({@code docs/deploy/NAME}), as the build sees them. */
    static String site(String name) throws IOException {
        return Files.readString(Path.of(System.getProperty("rooms.docs", "../docs"), "deploy", name));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
