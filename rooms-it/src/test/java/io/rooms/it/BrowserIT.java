package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.server.ServerSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import java.time.Duration;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.logging.LogEntry;

/** The demo pages in real headless Chromium windows against the real server. */
class BrowserIT {
    @TempDir
    Path dir;

    private ServerSettings settings() {
        return ServerSettings.fromFlags("--db", "jdbc:h2:file:" + dir.resolve("rooms"), "--save-interval-ms", "200");
    }

    private static String base(TestServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static void assertNoScriptErrors(Browser... browsers) {
        for (Browser browser : browsers) {
            assertThat(browser.consoleErrors()).extracting(LogEntry::getMessage).isEmpty();
        }
    }

    private static String position(Browser browser, String word) {
        WebElement tile = browser.find(".word[data-word='" + word + "']");
        return tile.getCssValue("left") + "," + tile.getCssValue("top");
    }

    @Test
    void twoTabsChatAndATabInAnotherRoomHearsNothing() {
        try (TestServer server = TestServer.onDatabase(settings());
                Browser alice = Browser.open(); Browser bob = Browser.open(); Browser carol = Browser.open()) {
            alice.go(base(server) + "/chat/tea").awaitStatus("connected");
            bob.go(base(server) + "/chat/tea").awaitStatus("connected");
            carol.go(base(server) + "/chat/coffee").awaitStatus("connected");
            alice.await("alice sees two members", () -> alice.all("#members li").size() == 2);

            alice.find("#message").sendKeys("hello <b>bob</b>", Keys.ENTER);
            bob.await("bob gets alice's message", () -> bob.all("#messages li:not(.notice)").size() == 1);
            WebElement received = bob.find("#messages li:not(.notice)");
            assertThat(received.findElement(org.openqa.selenium.By.cssSelector(".text")).getText())
                    .isEqualTo("hello <b>bob</b>");
            assertThat(received.findElements(org.openqa.selenium.By.cssSelector("b"))).isEmpty();
            assertThat(received.findElement(org.openqa.selenium.By.cssSelector(".who")).getCssValue("color"))
                    .isNotEqualTo("rgba(0, 0, 0, 1)");

            bob.find("#message").sendKeys("hi alice");
            bob.find("#send").click();
            alice.await("alice gets bob's answer", () -> alice.all("#messages li:not(.notice)").size() == 2);
            assertThat(alice.all("#messages li:not(.notice)").get(1).getText()).contains("hi alice");
            assertThat(bob.all("#members li").get(0).getText()).contains("(you)");

            assertThat(carol.all("#messages li:not(.notice):not(.empty)")).as("carol, in another room, heard nothing").isEmpty();
            assertThat(carol.all("#members li")).hasSize(1);
            alice.screenshot("chat");
            alice.go(base(server) + "/");
            alice.screenshot("index");
            assertNoScriptErrors(alice, bob, carol);
        }
    }

    @Test
    void aDragInOneTabMovesTheWordInAnotherAndALateTabGetsTheBoard() {
        try (TestServer server = TestServer.onDatabase(settings());
                Browser alice = Browser.open(); Browser bob = Browser.open()) {
            alice.go(base(server) + "/board/poetry").awaitStatus("connected");
            bob.go(base(server) + "/board/poetry").awaitStatus("connected");
            bob.await("bob sees alice", () -> bob.all("#members li").size() == 2);
            String before = position(bob, "moon");

            WebElement moon = alice.find(".word[data-word='moon']");
            new Actions(alice.driver).clickAndHold(moon).moveByOffset(60, 40).moveByOffset(90, 110).release().perform();
            String moved = position(alice, "moon");
            assertThat(moved).isNotEqualTo(before);
            bob.await("bob sees the moon move to " + moved, () -> position(bob, "moon").equals(moved));

            try (Browser late = Browser.open()) {
                late.go(base(server) + "/board/poetry").awaitStatus("connected");
                late.await("the late tab gets the board", () -> position(late, "moon").equals(moved));
                late.screenshot("board");
                assertNoScriptErrors(late);
            }
            assertNoScriptErrors(alice, bob);
        }
    }

    @Test
    void aTouchDragMovesTheWordForOthersToo() {
        try (TestServer server = TestServer.onDatabase(settings());
                Browser phone = Browser.open(); Browser desk = Browser.open()) {
            phone.go(base(server) + "/board/touch").awaitStatus("connected");
            desk.go(base(server) + "/board/touch").awaitStatus("connected");
            desk.await("desk sees the phone", () -> desk.all("#members li").size() == 2);
            WebElement sky = phone.find(".word[data-word='sky']");
            String before = position(desk, "sky");
            PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
            Sequence swipe = new Sequence(finger, 0)
                    .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(sky), 0, 0))
                    .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                    .addAction(finger.createPointerMove(Duration.ofMillis(200), PointerInput.Origin.fromElement(sky), 80, 60))
                    .addAction(finger.createPointerMove(Duration.ofMillis(200), PointerInput.Origin.fromElement(sky), 160, 120))
                    .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
            ((RemoteWebDriver) phone.driver).perform(List.of(swipe));
            String moved = position(phone, "sky");
            assertThat(moved).isNotEqualTo(before);
            desk.await("the desk sees the word the phone dragged", () -> position(desk, "sky").equals(moved));
            assertNoScriptErrors(phone, desk);
        }
    }

    @Tag("transport")
    @Test
    void afterAServerRestartTheTabsReconnectByThemselvesAndChatAgain() {
        TestServer first = TestServer.onDatabase(settings());
        int port = first.port();
        try (Browser alice = Browser.open(); Browser bob = Browser.open()) {
            alice.go(base(first) + "/chat/restart").awaitStatus("connected");
            bob.go(base(first) + "/chat/restart").awaitStatus("connected");
            first.close();
            alice.awaitStatus("reconnecting…");
            bob.awaitStatus("reconnecting…");
            alice.find("#message").sendKeys("typed while away", Keys.ENTER);
            assertThat(alice.find("#messages li.mine").getAttribute("class")).contains("pending");
            assertThat(alice.all("#messages li.notice .text")).extracting(WebElement::getText)
                    .containsOnlyOnce("Connection lost; reconnecting…");
            try (TestServer second = TestServer.onDatabase(settings(), port)) {
                alice.awaitStatus("connected");
                bob.awaitStatus("connected");
                alice.await("both are back in the room", () -> alice.all("#members li").size() == 2);
                // Whether bob hears it depends on who is back first: one node keeps no history across
                // its own restart. What is certain: the server takes it, once.
                alice.await("once the server took it, it is no longer pending",
                        () -> alice.all("#messages li.pending").isEmpty());
                alice.await("a line says alice is back", () -> alice.all("#messages li.notice .text").stream()
                        .anyMatch(line -> line.getText().startsWith("Back")));
                alice.find("#message").sendKeys("we are back", Keys.ENTER);
                bob.await("bob hears alice after the restart",
                        () -> bob.all("#messages li").stream().anyMatch(li -> li.getText().contains("we are back")));
                assertThat(bob.all("#messages li")).filteredOn(li -> li.getText().contains("typed while away"))
                        .as("never delivered twice").hasSizeLessThanOrEqualTo(1);
            }
            for (Browser browser : List.of(alice, bob)) {
                assertThat(browser.consoleErrors()).extracting(LogEntry::getMessage)
                        .allMatch(message -> message.contains("WebSocket connection to"),
                                "only the expected failed reconnect attempts");
            }
        }
    }

    @Test
    void theBoardComesBackFromTheStoreAfterEveryoneLeftAndTheServerRestarted() {
        String moved;
        TestServer first = TestServer.onDatabase(settings());
        int port = first.port();
        try (Browser alice = Browser.open()) {
            alice.go(base(first) + "/board/keep").awaitStatus("connected");
            new Actions(alice.driver).clickAndHold(alice.find(".word[data-word='river']"))
                    .moveByOffset(100, 200).release().perform();
            moved = position(alice, "river");
        }
        first.close();
        try (TestServer second = TestServer.onDatabase(settings(), port); Browser bob = Browser.open()) {
            bob.go(base(second) + "/board/keep").awaitStatus("connected");
            bob.await("the board is restored from the store", () -> position(bob, "river").equals(moved));
            assertNoScriptErrors(bob);
        }
    }

    @Test
    void theClientStopsOnARefusedTokenAndAsksForANewOneWhenItsTokenExpires() {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--auth-secret", Tokens.SECRET));
                Browser browser = Browser.open()) {
            browser.go(base(server) + "/");
            // Expires well after the first join, on a loaded machine too: the first join must be this token's.
            String expiring = Tokens.hs256(Tokens.claims("u-browser")
                    .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(6))));
            String lasting = Tokens.hs256("u-browser");
            RemoteWebDriver driver = (RemoteWebDriver) browser.driver;
            driver.executeScript("""
                    const tokens = arguments[0];
                    window.t = { refused: null, calls: 0, joins: 0, users: [] };
                    import('/rooms.js').then(({ RoomsClient }) => {
                      const refused = new RoomsClient({ token: 'not.a.token', initialDelay: 50 });
                      refused.on('closed', (why) => { window.t.refused = why; });
                      refused.join('lobby');
                      const renewing = new RoomsClient({ initialDelay: 50,
                        token: async () => tokens[Math.min(window.t.calls++, 1)] });
                      renewing.on('joined', (joined) => { window.t.joins++; window.t.users.push(joined.user); });
                      renewing.join('lobby');
                      window.t.client = renewing;
                    });
                    """, List.of(expiring, lasting));
            browser.await("the refused client is closed", () -> driver.executeScript("return window.t.refused") != null);
            assertThat(driver.executeScript("return window.t.refused.code")).isEqualTo(401L);
            browser.await("the renewing client joined again after its token expired",
                    () -> ((Long) driver.executeScript("return window.t.joins")) >= 2);
            assertThat(driver.executeScript("return window.t.calls")).isEqualTo(2L);
            assertThat(driver.executeScript("return window.t.client.status")).isEqualTo("connected");
            assertThat(driver.executeScript("return window.t.users")).isEqualTo(List.of("u-browser", "u-browser"));
        }
    }

    @Tag("transport")
    @Test
    void aTabThatSendsTwoOversizedMessagesIsToldWhyAndStopsInsteadOfSendingThemAgain() {
        try (TestServer server = new TestServer(); Browser browser = Browser.open()) {
            browser.go(base(server) + "/");
            RemoteWebDriver driver = (RemoteWebDriver) browser.driver;
            driver.executeScript("""
                    window.t = { closed: null, joins: 0 };
                    import('/rooms.js').then(({ RoomsClient }) => {
                      const client = new RoomsClient({ initialDelay: 50 });
                      client.on('closed', (why) => { window.t.closed = why; });
                      client.on('joined', () => {
                        window.t.joins++;
                        const big = 'x'.repeat(2 * 1024 * 1024);
                        client.talk(big);
                        client.talk(big); // right behind the first: still on its way when the server refuses
                      });
                      client.join('big');
                      window.t.client = client;
                    });
                    """);
            browser.await("the tab's client is closed", () -> driver.executeScript("return window.t.closed") != null);
            assertThat(driver.executeScript("return window.t.closed.code")).isEqualTo(1009L);
            assertThat(driver.executeScript("return window.t.client.status")).isEqualTo("closed");
            assertThat(driver.executeScript("return window.t.joins")).as("it never reconnected").isEqualTo(1L);
        }
    }

    /** Every word's position on a tab's board, by word. */
    private static java.util.Map<String, String> boardOf(Browser browser) {
        java.util.Map<String, String> board = new java.util.TreeMap<>();
        for (WebElement tile : browser.all(".word")) {
            board.put(tile.getAttribute("data-word"), tile.getCssValue("left") + "," + tile.getCssValue("top"));
        }
        return board;
    }

    @Test
    void aWordDraggedWhileTheServerRestartsEndsTheSameOnBothTabsAndInTheStore() throws Exception {
        TestServer first = TestServer.onDatabase(settings());
        int port = first.port();
        try (Browser alice = Browser.open(); Browser bob = Browser.open()) {
            alice.go(base(first) + "/board/restart").awaitStatus("connected");
            bob.go(base(first) + "/board/restart").awaitStatus("connected");
            bob.await("bob sees alice", () -> bob.all("#members li").size() == 2);
            WebElement sky = bob.find(".word[data-word='sky']");
            new Actions(bob.driver).clickAndHold(sky).moveByOffset(40, 30).moveByOffset(30, 20).release().perform();
            String skyMoved = position(bob, "sky");
            alice.await("alice sees bob's move before the restart", () -> position(alice, "sky").equals(skyMoved));

            first.close();
            alice.awaitStatus("reconnecting…");
            WebElement river = alice.find(".word[data-word='river']");
            String riverBefore = position(alice, "river");
            new Actions(alice.driver).clickAndHold(river).moveByOffset(-50, 60).moveByOffset(-40, 50).release().perform();
            String riverMoved = position(alice, "river");
            assertThat(riverMoved).isNotEqualTo(riverBefore);

            try (TestServer second = TestServer.onDatabase(settings(), port)) {
                alice.awaitStatus("connected");
                bob.awaitStatus("connected");
                bob.await("bob gets the word alice dragged while the server was away",
                        () -> position(bob, "river").equals(riverMoved));
                alice.await("alice keeps her move", () -> position(alice, "river").equals(riverMoved));
                alice.await("both boards end the same", () -> boardOf(alice).equals(boardOf(bob)));
                assertThat(boardOf(alice)).containsEntry("sky", skyMoved).containsEntry("river", riverMoved);
                java.util.Map<String, String> expected = boardOf(alice);
                alice.await("the store holds that board", () -> {
                    try {
                        com.fasterxml.jackson.databind.JsonNode state = new com.fasterxml.jackson.databind.ObjectMapper()
                                .readTree(second.get("/api/rooms/restart").body()).get("state");
                        java.util.Map<String, String> stored = new java.util.TreeMap<>();
                        for (com.fasterxml.jackson.databind.JsonNode word : state.get("words")) {
                            stored.put(word.get("word").asText(), word.get("x").asInt() + "px," + word.get("y").asInt() + "px");
                        }
                        return stored.equals(expected);
                    } catch (Exception notYet) {
                        return false;
                    }
                });
                for (Browser browser : List.of(alice, bob)) {
                    assertThat(browser.consoleErrors()).extracting(LogEntry::getMessage)
                            .allMatch(message -> message.contains("WebSocket connection to"),
                                    "only the expected failed reconnect attempts");
                }
            }
        }
    }

    @Tag("transport")
    @Test
    void aPathThatGoesSilentIsNoticedWithinPingIntervalAndPongTimeoutAndTheClientResumesWhenItIsBack()
            throws Exception {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--allowed-origins", "*"));
                FaultyProxy proxy = new FaultyProxy(server.port());
                Browser browser = Browser.open()) {
            browser.go(base(server) + "/");
            RemoteWebDriver driver = (RemoteWebDriver) browser.driver;
            driver.executeScript("""
                    window.t = { statuses: [], joins: [] };
                    import('/rooms.js').then(({ RoomsClient }) => {
                      const client = new RoomsClient({ url: 'ws://127.0.0.1:' + arguments[0] + '/ws',
                        pingInterval: 1000, pongTimeout: 1000, connectTimeout: 1500, initialDelay: 200, maxDelay: 1000 });
                      client.on('status', (s) => window.t.statuses.push({ s, at: performance.now() }));
                      client.on('joined', (m) => window.t.joins.push(m.recovered));
                      client.join('live');
                      window.t.client = client;
                    });
                    """, proxy.port());
            browser.await("joined through the proxy", () -> ((List<?>) driver.executeScript("return window.t.joins")).size() == 1);

            proxy.silent(true);
            double silencedAt = ((Number) driver.executeScript("return performance.now()")).doubleValue();
            browser.await("the client notices the silent path",
                    () -> !"connected".equals(driver.executeScript("return window.t.client.status")));
            double noticedAt = ((Number) driver.executeScript(
                    "return window.t.statuses.filter((e) => e.s !== 'connected').pop().at")).doubleValue();
            // The promise: within pingInterval + pongTimeout (2 s here), give or take the browser's timer lateness.
            assertThat(noticedAt - silencedAt).isLessThanOrEqualTo(2_000 + 50);

            proxy.silent(false);
            browser.await("the client is back once the path is",
                    () -> ((List<?>) driver.executeScript("return window.t.joins")).size() == 2
                            && "connected".equals(driver.executeScript("return window.t.client.status")));
            assertThat(driver.executeScript("return window.t.joins[1]")).as("resumed, nothing missed").isEqualTo(true);
        }
    }
}
