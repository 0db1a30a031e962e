package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rooms.server.ServerSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.remote.RemoteWebDriver;

/** A page on an origin that --allowed-origins names may load the browser client from the server; others may not. */
class ClientCorsIT {

    private static HttpResponse<String> fetch(TestServer server, String path, String origin) {
        return TestServer.send(HttpRequest.newBuilder(server.http(path)).header("Origin", origin).build());
    }

    @Test
    void theClientCarriesCorsForAnAllowedOriginAndNoneForAForeignOne() {
        try (TestServer server = new TestServer(ServerSettings.fromFlags("--allowed-origins", "https://app.example"))) {
            HttpResponse<String> allowed = fetch(server, "/rooms.js", "https://app.example");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
            assertThat(allowed.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Origin"));
            for (String imported : new String[] {"/rooms.d.ts", "/room.js", "/connection.js", "/pacer.js"}) {
                assertThat(fetch(server, imported, "https://app.example").headers()
                        .firstValue("Access-Control-Allow-Origin")).as(imported).contains("https://app.example");
            }
            HttpResponse<String> foreign = fetch(server, "/rooms.js", "https://evil.example");
            assertThat(foreign.statusCode()).isEqualTo(200);
            assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void aPageOnAnotherOriginImportsTheClientOnlyWhenThatOriginIsAllowed() {
        try (TestServer page = new TestServer();
                TestServer refusing = new TestServer();
                Browser browser = Browser.open()) {
            String pageOrigin = "http://127.0.0.1:" + page.port();
            try (TestServer allowing = new TestServer(ServerSettings.fromFlags("--allowed-origins", pageOrigin))) {
                browser.go(pageOrigin + "/");
                RemoteWebDriver driver = (RemoteWebDriver) browser.driver;
                String script = "const done = arguments[arguments.length - 1];"
                        + "import(arguments[0]).then((m) => done(typeof m.RoomsClient), (e) => done('refused'));";
                assertThat(driver.executeAsyncScript(script, "http://127.0.0.1:" + allowing.port() + "/rooms.js"))
                        .isEqualTo("function");
                assertThat(driver.executeAsyncScript(script, "http://127.0.0.1:" + refusing.port() + "/rooms.js"))
                        .isEqualTo("refused");
            }
        }
    }
}
