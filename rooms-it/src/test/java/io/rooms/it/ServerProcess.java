package io.rooms.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar in a child process, as a user starts it: {@code java -jar rooms-server.jar [flags]}. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on https?://([^:]+):(\\d+)");
    static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<String> stdout = new ArrayList<>();
    private final Path stderr;

    private ServerProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> readStdout(process), "server-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("rooms.server.jar", "../rooms-server/target/rooms-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath() + "; run mvn package first");
        }
        return jar.toAbsolutePath();
    }

    static ServerProcess start(Path workDir, Map<String, String> env, String... flags) throws IOException {
        // The servers a test starts live seconds: C1 alone compiles them, so that C2's threads do not take
        // the cores the tests and the other servers need (a user's server keeps the JVM's default).
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1"));
        command.addAll(ClassDataArchive.jvmOptions(javaBinary(), jar()));
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(flags));
        Path stderr = Files.createTempFile(workDir, "server-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("ROOMS_"));
        String transport = System.getProperty("rooms.it.transport");
        if (transport != null && !transport.isEmpty()) { // a run of the suite on another transport
            builder.environment().put("ROOMS_TRANSPORT", transport);
        }
        builder.environment().putAll(env);
        return new ServerProcess(builder.start(), stderr);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void readStdout(Process process) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stdout) {
                    stdout.add(line);
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(2)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the server exited before listening"));
    }

    /** Waits for the startup line and returns the port it names. */
    int awaitPort() {
        try {
            return port.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no startup line; stderr: " + stderrNow(), e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /** What the server wrote to stderr (its log) so far. */
    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String stderrNow() {
        return stderr();
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** SIGTERM, as a service manager or Ctrl-C would send. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: a crash. */
    void kill() {
        process.destroyForcibly();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
