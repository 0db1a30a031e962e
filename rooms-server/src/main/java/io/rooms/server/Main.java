package io.rooms.server;

import io.rooms.RoomsException;
import java.io.PrintStream;

/** {@code java -jar rooms-server.jar [flags]}: runs the server until SIGTERM or SIGINT. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        configureLogging();
        CommandLineOptions.Parsed parsed;
        try {
            parsed = CommandLineOptions.parse(args, System.getenv());
        } catch (CommandLineOptions.BadSettingException e) {
            exit(System.err, "rooms: " + e.getMessage(), 2);
            return;
        }
        if (parsed.text() != null) {
            System.out.print(parsed.text());
            System.out.flush();
            return;
        }
        RoomsServer server;
        try {
            server = RoomsServer.start(parsed.settings());
        } catch (RoomsException e) {
            exit(System.err, "rooms: " + e.getMessage(), 2);
            return;
        } catch (RuntimeException e) {
            exit(System.err, "rooms: could not start on " + parsed.settings().host() + ":" + parsed.settings().port()
                    + ": " + rootMessage(e), 2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rooms-shutdown"));
        // SIGTERM and SIGINT are a normal, graceful stop: exit 0 once the shutdown hook has run.
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), ignored -> System.exit(0));
        }
        System.out.println("listening on " + server.scheme() + "://" + server.host() + ":" + server.port());
        System.out.flush();
    }

    private static void exit(PrintStream stream, String line, int code) {
        stream.println(line);
        stream.flush();
        System.exit(code);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.io.javalin", "warn");
        // The engine logs a store outage once; the pool would log every broken connection with a trace.
        setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "error");
        setIfAbsent("org.slf4j.simpleLogger.log.org.flywaydb", "error");
        // Reading a Redis Cluster's layout, Lettuce warns of every node it cannot reach, each second; the
        // commands that fail say what matters, once.
        setIfAbsent("org.slf4j.simpleLogger.log.io.lettuce.core.cluster.topology", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
