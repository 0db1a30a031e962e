package io.rooms.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data archive (AppCDS) of the server jar, made once per test JVM by a short run of the
 * jar: the servers the tests start (a couple of hundred in a build) then map the classes it loaded
 * instead of reading and verifying them, and listen in about 1.0 s instead of 1.6 s. Only for the
 * tests' servers: what is tested is the server's behaviour, which does not depend on where its
 * classes came from. A server that cannot use the archive runs without it, silently.
 */
final class ClassDataArchive {
    private static List<String> options;

    private ClassDataArchive() {}

    /** The JVM options that use the archive, made on the first call; none if it could not be made. */
    static synchronized List<String> jvmOptions(String java, Path jar) {
        if (options == null) {
            Path archive = make(java, jar);
            options = archive == null ? List.of()
                    : List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off,cds+dynamic=off");
        }
        return options;
    }

    /** Runs the jar until it listens, stops it with SIGTERM, and keeps the archive it wrote at exit. */
    private static Path make(String java, Path jar) {
        Path dir = Path.of(System.getProperty("rooms.cds.dir", "target/cds"));
        try {
            Files.createDirectories(dir);
            Path archive = dir.resolve("rooms-server-" + ProcessHandle.current().pid() + ".jsa");
            Path writing = dir.resolve(archive.getFileName() + ".tmp");
            Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + writing,
                    "-Xlog:cds=off,cds+dynamic=off", "-jar", jar.toString(), "--port", "0", "--host", "127.0.0.1",
                    "--db", "jdbc:h2:mem:cds").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.contains("listening on")) {
                        process.destroy(); // SIGTERM: a clean exit, at which the archive is written
                        break;
                    }
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            if (!Files.isRegularFile(writing)) {
                return null;
            }
            return Files.move(writing, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
