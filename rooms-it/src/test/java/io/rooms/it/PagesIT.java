package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Every page as a person sees it, on a desktop (1280 by 800) and a phone (375 by 740): nothing
 * scrolls sideways, axe-core finds nothing serious, every refusal is said in words, and the
 * dashboard shows the server live and drives it. Screenshots land in target/screenshots.
 */
class PagesIT {
    private static final String TOKEN = "operator-token-for-the-test";

    @TempDir
    static Path dir;

    /** One server for every page and size: each test has rooms of its own (named for the test and size). */
    private static ServerProcess server;
    private static String base;
    private final List<WsProbe> probes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0", "--db",
                "jdbc:h2:file:" + dir.resolve("rooms"), "--max-room-size", "3", "--admin-token", TOKEN);
        base = "http://127.0.0.1:" + server.awaitPort();
    }

    @AfterEach
    void closeProbes() {
        probes.forEach(WsProbe::close);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private WsProbe member(String room) {
        WsProbe probe = WsProbe.connect(URI.create(base.replace("http", "ws") + "/ws"));
        probes.add(probe);
        probe.join(room);
        return probe;
    }

    private static void assertFitsAndIsAccessible(Browser browser, String shot) {
        browser.screenshot(shot);
        assertThat(browser.horizontalOverflow()).as("%s: pixels of sideways scroll", shot).isZero();
        assertThat(browser.accessibilityViolations()).as("%s: serious or critical axe-core violations", shot).isEmpty();
        assertThat(browser.consoleErrors()).as("%s: console errors", shot).isEmpty();
    }

    @ParameterizedTest(name = "{0} ({1}x{2})")
    @CsvSource({"desktop, 1280, 800", "phone, 375, 740"})
    void theIndexRefusesABadRoomNameInWords(String device, int width, int height) {
        try (Browser browser = Browser.open().viewport(width, height)) {
            browser.go(base + "/");
            assertFitsAndIsAccessible(browser, "index-" + device);
            WebElement room = browser.find("#room");
            room.clear();
            room.sendKeys("my room", Keys.ENTER);
            browser.await("the index says why", () -> browser.find("#room-error").isDisplayed());
            assertThat(browser.find("#room-error").getText()).contains("cannot be a room name");
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "/");
            browser.screenshot("index-refused-" + device);
            room.clear();
            room.sendKeys("tea.room_2", Keys.ENTER);
            browser.awaitStatus("connected");
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "/chat/tea.room_2");
        }
    }

    @ParameterizedTest(name = "{0} ({1}x{2})")
    @CsvSource({"desktop, 1280, 800", "phone, 375, 740"})
    void theChatSaysWhoCameAndWentWithTimesAndColoursThatRead(String device, int width, int height) {
        WsProbe ann = member("chat-" + device);
        try (Browser browser = Browser.open().viewport(width, height)) {
            browser.go(base + "/chat/chat-" + device).awaitStatus("connected");
            ann.send("{\"action\":\"talkToRoom\",\"data\":{\"text\":\"a rather long message that has to wrap on a phone"
                    + " without pushing anything sideways: supercalifragilisticexpialidocious-and-then-some\"}}");
            browser.await("Ann's message", () -> browser.all("#messages li .text").stream()
                    .anyMatch(text -> text.getText().startsWith("a rather long message")));
            WsProbe bob = member("chat-" + device);
            browser.await("a line for Bob joining", () -> browser.all("#messages li.notice").stream()
                    .anyMatch(line -> line.getText().endsWith("joined.")));
            bob.close();
            browser.await("a line for Bob leaving", () -> browser.all("#messages li.notice").stream()
                    .anyMatch(line -> line.getText().endsWith("left.")));
            String annName = browser.find("#members li:not(.me)").getText();
            ann.send("{\"action\":\"presence\",\"data\":{\"typing\":true}}");
            browser.await("Ann is typing, from her presence", () -> browser.find("#typing").getText().equals(annName + " is typing…"));
            browser.screenshot("chat-typing-" + device);
            ann.send("{\"action\":\"presence\",\"data\":null}");
            browser.await("and then not", () -> browser.find("#typing").getText().isEmpty());
            browser.find("#message").sendKeys("hello from the page");
            assertThat(ann.await("memberUpdated").at("/meta/typing").asBoolean()).as("the page says it is typing").isTrue();
            browser.find("#message").sendKeys(Keys.ENTER);
            assertThat(ann.await("memberUpdated").get("meta").isNull()).as("and stops saying it once sent").isTrue();
            assertThat(ann.await("talkToRoom").at("/data/text").asText()).isEqualTo("hello from the page");
            browser.await("acknowledged: no longer marked as sending", () -> browser.all("#messages li.pending").isEmpty());
            List<WebElement> times = browser.all("#messages li time");
            assertThat(times).isNotEmpty().allSatisfy(time -> assertThat(time.getText()).matches("\\d{1,2}:\\d{2}.*"));
            assertFitsAndIsAccessible(browser, "chat-" + device);
        }
    }

    @ParameterizedTest(name = "{0} ({1}x{2})")
    @CsvSource({"desktop, 1280, 800", "phone, 375, 740"})
    void theBoardFitsTheScreenAndShowsWhoIsDragging(String device, int width, int height) {
        WsProbe ann = member("board-" + device);
        try (Browser browser = Browser.open().viewport(width, height)) {
            browser.go(base + "/board/board-" + device).awaitStatus("connected");
            String annName = browser.find("#members li:not(.me)").getText();
            ann.send("{\"action\":\"presence\",\"data\":{\"dragging\":\"moon\"}}");
            ann.send("{\"action\":\"moving\",\"data\":{\"word\":\"moon\",\"x\":400,\"y\":300}}");
            browser.await("moon labelled with who drags it, from her presence", () -> annName.equals(
                    browser.find(".word[data-word='moon']").getAttribute("data-by")));
            browser.screenshot("board-dragging-" + device);
            ann.send("{\"action\":\"presence\",\"data\":null}");
            browser.await("the label goes when she lets go", () -> browser.find(".word[data-word='moon']").getAttribute("data-by") == null);
            WebElement river = browser.find(".word[data-word='river']");
            river.sendKeys(Keys.ARROW_RIGHT);
            assertThat(ann.await("memberUpdated").at("/meta/dragging").asText()).as("the page says what it drags").isEqualTo("river");
            JsonNode moved = ann.await("move");
            assertThat(moved.toString()).contains("\"river\"");
            assertThat(ann.await("memberUpdated").get("meta").isNull()).as("and lets go").isTrue();
            assertFitsAndIsAccessible(browser, "board-" + device);
        }
    }

    @ParameterizedTest(name = "{0} ({1}x{2})")
    @CsvSource({"desktop, 1280, 800", "phone, 375, 740"})
    void everyRefusalIsSaidAndTheBadgeNeverClaimsARoom(String device, int width, int height) throws Exception {
        for (int i = 0; i < 3; i++) {
            member("full-" + device);
        }
        try (Browser browser = Browser.open().viewport(width, height)) {
            browser.go(base + "/chat/full-" + device);
            browser.awaitStatus("not in the room");
            assertThat(browser.find("#notice").getText()).contains("is full").contains("holds 3 people");
            assertThat(browser.find("#notice").findElements(By.tagName("a"))).as("rooms to try instead").isNotEmpty();
            assertFitsAndIsAccessible(browser, "chat-full-" + device);

            browser.go(base + "/chat/" + "x".repeat(80));
            browser.awaitStatus("not in the room");
            assertThat(browser.find("#notice").getText()).contains("cannot be a room name");
            browser.screenshot("chat-bad-room-" + device);

            // Taken out of the room by the operator: said, with the way back.
            browser.go(base + "/chat/removed-" + device).awaitStatus("connected");
            String id = browser.find("#members li.me").getAttribute("data-id");
            java.net.http.HttpResponse<String> removed = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(base + "/api/rooms/removed-" + device + "/members/" + id))
                            .header("Authorization", "Bearer " + TOKEN).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(removed.statusCode()).isEqualTo(200);
            browser.awaitStatus("not in the room");
            assertThat(browser.find("#notice").getText()).contains("removed you from this room");
            browser.screenshot("chat-removed-" + device);
        }
    }

    @ParameterizedTest(name = "{0} ({1}x{2})")
    @CsvSource({"desktop, 1280, 800", "phone, 375, 740"})
    void theDashboardShowsTheServerLiveAndDrivesIt(String device, int width, int height) {
        try (Browser browser = Browser.open().viewport(width, height)) {
            browser.go(base + "/admin");
            assertFitsAndIsAccessible(browser, "admin-login-" + device);
            browser.find("#token").sendKeys("wrong", Keys.ENTER);
            browser.await("a refused token is said", () -> browser.find("#notice").getText().contains("refused"));
            assertThat(browser.consoleErrors()).as("Chromium reports the refused request, and nothing else")
                    .allSatisfy(entry -> assertThat(entry.getMessage()).contains("/api/summary", "401"));
            browser.find("#token").sendKeys(TOKEN, Keys.ENTER);
            browser.await("signed in", () -> browser.find("#dashboard").isDisplayed());

            String room = "ops-" + device;
            WsProbe ann = member(room);
            browser.await("the room appears with one member", () -> size(browser, room).equals("1"));
            member(room);
            browser.await("its member count goes to two", () -> size(browser, room).equals("2"));
            browser.await("connections counted", () -> !browser.find("#connections").getText().equals("–")
                    && Integer.parseInt(browser.find("#connections").getText().replace(",", "")) >= 2);
            browser.find("tr[data-room='" + room + "'] button").click();
            browser.await("the room opens with its members", () -> browser.all("#room-members li").size() == 2);
            ann.send("{\"action\":\"presence\",\"data\":{\"status\":\"away\"}}");
            browser.await("a member's presence shows", () -> browser.all("#room-members .meta").stream()
                    .anyMatch(meta -> meta.getText().equals("{\"status\":\"away\"}")));
            assertFitsAndIsAccessible(browser, "admin-" + device);

            browser.find("#push-data").clear();
            browser.find("#push-data").sendKeys("{\"text\":\"maintenance at noon\"}");
            browser.find("#push-form button").click();
            browser.driver.switchTo().alert().accept();
            JsonNode pushed = ann.await("announcement");
            assertThat(pushed.at("/data/text").asText()).isEqualTo("maintenance at noon");
            assertThat(pushed.get("from").asText()).isEqualTo("server");

            String annId = browser.all("#room-members li").stream().map(li -> li.getAttribute("data-id"))
                    .filter(id -> !id.isEmpty()).findFirst().orElseThrow();
            browser.find("#room-members li[data-id='" + annId + "'] button.danger").click();
            browser.driver.switchTo().alert().accept();
            browser.await("one member left in the room", () -> browser.all("#room-members li").size() == 1);
        }
    }

    private static String size(Browser browser, String room) {
        return browser.all("tr[data-room='" + room + "'] td.size").stream().map(WebElement::getText).findFirst().orElse("");
    }
}
