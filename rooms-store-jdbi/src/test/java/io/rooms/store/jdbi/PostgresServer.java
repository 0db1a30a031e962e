package io.rooms.store.jdbi;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL from the machine's packages (Debian's {@code postgresql}), in a temporary
 * directory on a free loopback port: {@code initdb}, then {@code pg_ctl}. As root it runs them as
 * the {@code postgres} user, since {@code initdb} refuses root. Anything that goes wrong fails
 * loudly: these tests are never skipped. One per test JVM; stopped at exit.
 */
public final class PostgresServer {
    private static PostgresServer shared;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer() throws IOException, InterruptedException {
        this.bin = findBinaries();
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        Path base = Files.createTempDirectory("rooms-pg-");
        this.dataDir = base.resolve("data");
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        if (asPostgresUser) {
            run(List.of("chown", "postgres:postgres", base.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-sync"), asPostgresUser);
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "postgres-stop"));
    }

    /** The JVM's PostgreSQL, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = new PostgresServer();
            } catch (IOException e) {
                throw new IllegalStateException("could not start PostgreSQL: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** Starts (or restarts) the server on the same port and data. */
    public void start() throws IOException, InterruptedException {
        // fsync off: these tests kill PostgreSQL, never the machine, and the OS keeps what was written.
        // synchronous_commit stays on, as Rooms requires: with it off, a commit reported done could be
        // lost by StoreOutageIT's stop, a schema migration among them, and the database would come
        // back without the schema the server had migrated.
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "60",
                "-l", dataDir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c full_page_writes=off",
                "start"), asPostgresUser);
    }

    /** Stops the server now, as an outage would. */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-m", "immediate", "stop"),
                asPostgresUser);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception e) {
            // Exiting anyway.
        }
    }

    /** Creates a fresh, empty database and returns its JDBC URL. */
    public String newDatabase() {
        String name = "rooms_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&connectTimeout=5";
    }

    public int port() {
        return port;
    }

    private static Path findBinaries() {
        return io.rooms.testing.Executables.postgresBin();
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + new String(output));
        }
    }
}
