package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, exactly as shown, compiled and run against the jar: it answers "!roll". */
class ReadmeJavaExampleIT {
    @TempDir
    Path dir;

    @Test
    void theReadmesRollBotCompilesAndAnswersARoll() throws Exception {
        String example;
        try (var in = ReadmeJavaExampleIT.class.getResourceAsStream("/readme/RollBot.java")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String readme = Files.readString(Path.of(System.getProperty("rooms.docs", "../docs")).resolve("../README.md"));
        assertThat(readme).as("README.md shows the example as it is").contains("```java\n" + example + "```");
        Path source = Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("RollBot.java"), example);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-cp", classpath, "-d", classes.toString(), source.toString()))
                .as("javac's exit code").isZero();

        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--db", "jdbc:h2:mem:readme-java")) {
            int port = server.awaitPort();
            Process bot = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classes + File.pathSeparator + classpath, "RollBot", "ws://127.0.0.1:" + port + "/ws"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("bot.log").toFile()).start();
            try {
                Await.until("the bot is in its room", () -> {
                    try {
                        return Files.readString(dir.resolve("bot.log")).contains("rolling dice");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                WsProbe player = WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
                String id = player.join("dice").get("id").asText();
                player.send("{\"action\":\"talkToRoom\",\"data\":\"!roll\"}");
                JsonNode answer = player.await("talkToRoom");
                assertThat(answer.get("data").asText()).matches(id + " rolled [1-6]");
                player.send("{\"action\":\"talkToRoom\",\"data\":\"hello\"}");
                player.send("{\"action\":\"talkToRoom\",\"data\":\"!roll\"}");
                assertThat(player.await("talkToRoom").get("data").asText()).as("only a roll is answered")
                        .matches(id + " rolled [1-6]");
                player.close();
            } finally {
                bot.destroy();
                bot.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
