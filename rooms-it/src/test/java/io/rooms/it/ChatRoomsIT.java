package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The chat page in two rooms at once, over one socket, as a person uses it on a desktop (1280 by
 * 800) and a phone (375 by 740): join a second room from the sidebar, see an unread count on the
 * room not shown, switch to it, talk in each room to that room only, and leave one. Nothing scrolls
 * sideways and axe-core finds nothing serious. Screenshots land in target/screenshots.
 */
class ChatRoomsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ServerProcess server;
    private static String base;
    private final List<WsProbe> probes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(dir, Map.of(), "--host", "127.0.0.1", "--port", "0");
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

    @ParameterizedTest(name = "{0} ({1}x{2})")
    @CsvSource({"desktop, 1280, 800, false", "phone, 375, 740, true"})
    void theChatHoldsTwoRoomsOverOneSocketWithUnreadCounts(String device, int width, int height, boolean folded)
            throws Exception {
        String tea = "tea-" + device;
        String coffee = "coffee-" + device;
        WsProbe inTea = member(tea);
        WsProbe inCoffee = member(coffee);
        try (Browser browser = Browser.open().viewport(width, height)) {
            browser.go(base + "/chat/" + tea).awaitStatus("connected");
            String me = browser.find("#members li.me").getAttribute("data-id");
            inTea.await("memberJoined");

            assertThat(browser.find("#room-input").isDisplayed()).as("the sidebar is folded on a phone only").isEqualTo(!folded);
            if (folded) {
                browser.find("#rooms-toggle").click();
                browser.await("the sidebar unfolds", () -> browser.find("#room-input").isDisplayed());
            }
            browser.find("#room-input").sendKeys(coffee, Keys.ENTER);
            browser.await("the page shows coffee, joined", () -> browser.find("#room-name").getText().equals(coffee)
                    && browser.all("#members li").size() == 2);
            browser.awaitStatus("connected");
            assertThat(inCoffee.await("memberJoined").get("id").asText()).as("the same connection, in a second room").isEqualTo(me);
            assertThat(memberIds(tea)).as("still in tea").contains(me);
            assertThat(browser.driver.getCurrentUrl()).endsWith("/chat/" + coffee);

            WebElement teaLink = browser.find("#room-list li[data-room='" + tea + "'] a");
            if (!folded) {
                ((JavascriptExecutor) browser.driver).executeScript("arguments[0].focus()", teaLink);
            }
            inTea.send(talk(tea, "anyone for tea?"));
            inTea.send(talk(tea, "still here"));
            browser.await("tea shows two unread", () -> unread(browser, tea).equals("2 unread"));
            if (!folded) {
                assertThat(browser.driver.switchTo().activeElement()).as("a keyboard user's focus stays on the room link as counts change")
                        .isEqualTo(teaLink);
            }
            if (folded) {
                assertThat(browser.find("#rooms-toggle").getText()).as("the folded sidebar says so").contains("2 unread");
            }
            assertThat(browser.driver.getTitle()).startsWith("(2) " + coffee);
            assertThat(browser.all("#messages li:not(.notice):not(.empty)")).as("coffee shows nothing from tea").isEmpty();
            browser.screenshot("chat-rooms-unread-" + device);
            assertFitsAndIsAccessible(browser, "chat-rooms-unread-" + device + "-checked");

            browser.find("#message").sendKeys("a flat white, please", Keys.ENTER);
            assertThat(inCoffee.await("talkToRoom").at("/data/text").asText()).isEqualTo("a flat white, please");

            if (folded) {
                browser.find("#rooms-toggle").click();
            }
            browser.find("#room-list li[data-room='" + tea + "'] a").click();
            browser.await("tea is shown with what came meanwhile", () -> browser.find("#room-name").getText().equals(tea)
                    && browser.all("#messages li:not(.notice)").size() == 2);
            assertThat(unread(browser, tea)).as("read now").isEmpty();
            browser.find("#message").sendKeys("green, thanks", Keys.ENTER);
            JsonNode heard = inTea.await("talkToRoom");
            assertThat(heard.at("/data/text").asText()).isEqualTo("green, thanks");
            assertThat(heard.get("room").asText()).isEqualTo(tea);
            browser.await("acknowledged", () -> browser.all("#messages li.pending").isEmpty());
            assertFitsAndIsAccessible(browser, "chat-rooms-" + device);

            if (folded) {
                browser.find("#rooms-toggle").click();
            }
            browser.find("#room-list li[data-room='" + coffee + "'] button.leave").click();
            JsonNode left = inCoffee.await("memberLeft");
            assertThat(left.get("id").asText()).isEqualTo(me);
            browser.await("coffee is gone from the list", () -> browser.all("#room-list li").size() == 1);
            assertThat(memberIds(tea)).as("leaving coffee keeps tea").contains(me);
            assertThat(memberIds(coffee)).doesNotContain(me);
        }
    }

    private static String talk(String room, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("action", "talkToRoom", "room", room, "data", Map.of("text", text)));
    }

    /** The unread count the sidebar shows beside a room, as words ("2 unread"), or "" for none. */
    private static String unread(Browser browser, String room) {
        List<WebElement> counts = browser.all("#room-list li[data-room='" + room + "'] .unread:not([hidden])");
        return counts.isEmpty() ? "" : counts.get(0).getAttribute("textContent").strip();
    }

    private static List<String> memberIds(String room) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/api/rooms/" + room)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        if (response.statusCode() == 200) {
            JSON.readTree(response.body()).get("members").forEach(member -> ids.add(member.get("id").asText()));
        }
        return ids;
    }

    private static void assertFitsAndIsAccessible(Browser browser, String shot) {
        browser.screenshot(shot);
        assertThat(browser.horizontalOverflow()).as("%s: pixels of sideways scroll", shot).isZero();
        assertThat(browser.accessibilityViolations()).as("%s: serious or critical axe-core violations", shot).isEmpty();
        assertThat(browser.consoleErrors()).as("%s: console errors", shot).isEmpty();
    }
}
