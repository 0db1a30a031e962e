package io.rooms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command reads target/jvm.options: the collector and the small start it sets, and
 * a heap given after it on the command line still used as given.
 */
class JvmOptionsTest {
    private static final Path OPTIONS = Path.of("target", "jvm.options");

    @Test
    void theOptionsFileSetsTheParallelCollectorAndASmallStartWithoutCappingTheHeap() throws Exception {
        String flags = finalFlags();
        assertThat(flag(flags, "UseParallelGC")).isEqualTo("true");
        assertThat(flag(flags, "UseG1GC")).isEqualTo("false");
        assertThat(Long.parseLong(flag(flags, "InitialHeapSize"))).isEqualTo(16L << 20);
        assertThat(Long.parseLong(flag(flags, "MaxNewSize"))).isEqualTo(32L << 20);
        assertThat(flags).as("no warning at start").doesNotContain("warning");
        assertThat(Long.parseLong(flag(flags, "MaxHeapSize"))).as("the machine's default maximum, not capped")
                .isEqualTo(Long.parseLong(flag(defaultFlags(), "MaxHeapSize")));
    }

    @Test
    void aHeapGivenAfterTheFileIsTheHeapUsed() throws Exception {
        String flags = finalFlags("-Xms512m", "-Xmx2g");
        assertThat(Long.parseLong(flag(flags, "InitialHeapSize"))).isEqualTo(512L << 20);
        assertThat(Long.parseLong(flag(flags, "MaxHeapSize"))).isEqualTo(2048L << 20);
        assertThat(flag(flags, "UseParallelGC")).isEqualTo("true");
    }

    private static String finalFlags(String... after) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "@" + OPTIONS.toAbsolutePath()));
        command.addAll(List.of(after));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        return run(command);
    }

    private static String defaultFlags() throws Exception {
        return run(List.of(java(), "-XX:+PrintFlagsFinal", "-version"));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        assertThat(OPTIONS).as("copied by the build").exists();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String flag(String flags, String name) {
        Matcher matcher = Pattern.compile("\\s" + name + "\\s+=\\s+(\\S+)").matcher(flags);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
