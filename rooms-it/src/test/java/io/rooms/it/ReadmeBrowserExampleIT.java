package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's browser example, exactly as shown, served by the jar (--static-dir) and run in Chromium. */
class ReadmeBrowserExampleIT {
    @TempDir
    Path dir;

    @Test
    void theReadmesBrowserExampleRunsAsWritten() throws Exception {
        String example;
        try (var in = ReadmeBrowserExampleIT.class.getResourceAsStream("/readme/example.html")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String readme = Files.readString(Path.of(System.getProperty("rooms.docs", "../docs")).resolve("../README.md"));
        assertThat(readme).as("README.md shows the example as it is").contains("```html\n" + example + "```");
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(pages.resolve("example.html"), example);

        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--db", "jdbc:h2:mem:readme", "--static-dir", pages.toString());
                Browser browser = Browser.open()) {
            int port = server.awaitPort();
            WsProbe other = WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
            String otherId = other.join("lobby").get("id").asText();
            WsProbe dealer = WsProbe.connect(URI.create("ws://127.0.0.1:" + port + "/ws"));
            String dealerId = dealer.join("table-7").get("id").asText();
            browser.go("http://127.0.0.1:" + port + "/example.html");
            assertThat(other.await("talkToRoom").at("/data/text").asText()).as("the page's talk").isEqualTo("hello");
            other.send("{\"action\":\"talkToRoom\",\"data\":{\"text\":\"hi there\"}}");
            browser.await("the page logs what the other member said",
                    () -> browser.console().stream().anyMatch(line -> line.contains("\"" + otherId + "\" \"says\" \"hi there\"")));
            JsonNode dealt = dealer.await("talkToRoom");
            assertThat(dealt.at("/data/text").asText()).as("the handle's talk, at the table only").isEqualTo("deal me in");
            assertThat(dealt.get("from").asText()).as("one connection in both rooms").isEqualTo(
                    other.await("memberJoined").get("id").asText());
            assertThat(dealer.await("memberUpdated").at("/meta/doing").asText()).as("the handle's presence")
                    .isEqualTo("shuffling");
            dealer.send("{\"action\":\"presence\",\"data\":{\"doing\":\"dealing\"}}");
            browser.await("the table's handle logs the dealer's presence",
                    () -> browser.console().stream().anyMatch(line -> line.contains("\"" + dealerId + "\" \"is\" \"dealing\"")));
            dealer.send("{\"action\":\"talkToRoom\",\"data\":{\"text\":\"you are in\"}}");
            browser.await("the table's handle logs the dealer",
                    () -> browser.console().stream().anyMatch(line -> line.contains("\"at the table\" \"you are in\"")));
            List<String> console = browser.console();
            assertThat(console.stream().filter(line -> line.contains("\"status\"")).map(line -> line.replaceAll(".*\"status\" ", "")))
                    .as("every status, from the first").startsWith("\"connecting\"", "\"connected\"");
            assertThat(console).anyMatch(line -> line.contains("\"I am\"") && line.contains("\"among\" 2"));
            assertThat(browser.consoleErrors()).isEmpty();
            other.close();
            dealer.close();
        }
    }
}
