package io.rooms.store.jdbi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** What the store says about a JDBC URL in messages and logs, and what it prepares before H2 opens a file. */
final class DatabaseUrl {
    private DatabaseUrl() {}

    /**
     * The URL without anything that may hold a credential: its query ({@code ?user=..&password=..}),
     * its settings ({@code ;PASSWORD=..}) and the user info of its authority ({@code //user:pass@host}).
     */
    static String redacted(String url) {
        String cut = url;
        for (char end : new char[] {'?', ';'}) {
            int at = cut.indexOf(end);
            if (at >= 0) {
                cut = cut.substring(0, at);
            }
        }
        return cut.replaceFirst("//[^/@]*@", "//");
    }

    /**
     * Creates the directory of an H2 file database, or fails with one line naming it: H2 itself would
     * print its own trace, dozens of lines, to the console when it cannot write there.
     */
    static void prepareH2Directory(String url) {
        String rest = url.substring("jdbc:h2:".length());
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")) {
            return;
        }
        String file = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        int settings = file.indexOf(';');
        file = settings >= 0 ? file.substring(0, settings) : file;
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        Path directory;
        try {
            directory = Path.of(file).toAbsolutePath().normalize().getParent();
        } catch (InvalidPathException e) {
            throw new StoreException("cannot use the H2 database at " + redacted(url) + ": not a valid path", e);
        }
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new StoreException("cannot create the H2 database's directory " + directory + ": " + reason(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw new StoreException("cannot create the H2 database's directory " + directory + ": permission denied",
                    null);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "not a directory"; // a file of that name is in the way
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getClass().getSimpleName();
    }
}
