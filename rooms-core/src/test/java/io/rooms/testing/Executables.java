package io.rooms.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the programs the tests start (Redis, PostgreSQL, Chromium, chromedriver): the path in an
 * environment variable if it is set, else the first of the given names on {@code PATH}. A program
 * that cannot be found fails the test with one line naming it and how to provide it; no test skips
 * itself because a program is missing.
 */
public final class Executables {
    private Executables() {}

    /** A program the tests need and the machine does not have. Its message is the whole story. */
    public static final class MissingProgramException extends IllegalStateException {
        MissingProgramException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // one line in the report: where it was thrown says nothing the message does not
        }
    }

    /**
     * @param variable the environment variable that names the program's path, e.g. {@code ROOMS_REDIS_SERVER}
     * @param debianPackage the package that provides it on Debian, for the message
     * @param names the program's names to look for on {@code PATH}, in order
     */
    public static Path find(String variable, String debianPackage, String... names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new MissingProgramException(variable + "=" + configured + " is not an executable file");
            }
            return path;
        }
        for (String name : names) {
            Optional<Path> found = onPath(name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new MissingProgramException(names[0] + " is not on PATH: install it (Debian: apt-get install "
                + debianPackage + ") or set " + variable + " to its path");
    }

    /**
     * The first executable file called {@code name} in a directory of {@code PATH}, or of the sbin
     * directories that a user's {@code PATH} often lacks (where Debian puts {@code nginx}).
     */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        return Stream.concat(Stream.of(path == null ? new String[0] : path.split(File.pathSeparator)),
                        Stream.of("/usr/local/sbin", "/usr/sbin", "/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * PostgreSQL's server programs ({@code initdb}, {@code pg_ctl}): the directory in
     * {@code ROOMS_PG_BIN}, else the one holding {@code initdb} on {@code PATH}, else the newest
     * {@code /usr/lib/postgresql/N/bin}, where Debian keeps them off {@code PATH}.
     */
    public static Path postgresBin() {
        String configured = System.getenv("ROOMS_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured, "initdb"))) {
                throw new MissingProgramException("ROOMS_PG_BIN=" + configured + " holds no initdb");
            }
            return Path.of(configured);
        }
        Optional<Path> initdb = onPath("initdb");
        if (initdb.isPresent()) {
            return initdb.get().getParent();
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                List<Path> found = dirs.map(dir -> dir.resolve("bin"))
                        .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                        .sorted(Comparator.comparing((Path dir) -> dir.getParent().getFileName().toString().length())
                                .thenComparing(dir -> dir.getParent().getFileName().toString()))
                        .toList();
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            } catch (IOException e) {
                // fall through to the message
            }
        }
        throw new MissingProgramException("PostgreSQL's initdb is not on PATH nor in /usr/lib/postgresql/*/bin:"
                + " install it (Debian: apt-get install postgresql) or set ROOMS_PG_BIN to its bin directory");
    }
}
