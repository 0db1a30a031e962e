package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test (its own failsafe execution in the pom): the log of every
 * in-process server in this suite has no Error-class throwable and no stack trace at all, so no
 * client's mistake produced one.
 */
class ServerLogIT {
    private static final Pattern ERROR_THROWABLE = Pattern.compile("\\b(java\\.lang\\.)?\\w+Error\\b(:|$)");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w.$]+\\(");

    @Test
    void theServerLogHasNoErrorThrowableAndNoStackTrace() throws Exception {
        Path log = Path.of(System.getProperty("rooms.server.log", "target/server.log"));
        assertThat(log).exists();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("lines logged by the servers under test").isNotEmpty();
        assertThat(lines).filteredOn(line -> ERROR_THROWABLE.matcher(line).find()).isEmpty();
        assertThat(lines).filteredOn(line -> STACK_FRAME.matcher(line).find()).isEmpty();
    }
}
