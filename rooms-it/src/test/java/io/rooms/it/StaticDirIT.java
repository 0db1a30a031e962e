package io.rooms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar serves a team's own pages with --static-dir, beside the client, and refuses a bad directory. */
class StaticDirIT {
    @TempDir
    Path workDir;

    @Test
    void yourOwnPagesAreServedBesideTheClientAndNothingOutsideTheirDirectory() throws Exception {
        Path site = Files.createDirectories(workDir.resolve("site"));
        Files.writeString(site.resolve("app.html"), "<script type=module>import {connect} from '/rooms.js';</script>");
        Files.writeString(workDir.resolve("secret.txt"), "not for the web");
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--host", "127.0.0.1", "--port", "0",
                "--db", "jdbc:h2:mem:static", "--static-dir", site.toString())) {
            String base = "http://127.0.0.1:" + server.awaitPort();
            HttpResponse<String> page = TestServer.send(HttpRequest.newBuilder(URI.create(base + "/app.html")).build());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("import {connect} from '/rooms.js'");
            assertThat(TestServer.send(HttpRequest.newBuilder(URI.create(base + "/rooms.js")).build()).statusCode())
                    .isEqualTo(200);
            assertThat(TestServer.send(HttpRequest.newBuilder(URI.create(base + "/../secret.txt")).build()).body())
                    .doesNotContain("not for the web");
            assertThat(TestServer.send(HttpRequest.newBuilder(URI.create(base + "/%2e%2e/secret.txt")).build()).body())
                    .doesNotContain("not for the web");
        }
    }

    @Test
    void aDirectoryThatIsNotThereStopsTheServerWithOneLine() throws Exception {
        try (ServerProcess server = ServerProcess.start(workDir, Map.of(), "--static-dir", workDir.resolve("nope").toString())) {
            assertThat(server.awaitExit(ServerProcess.START)).isEqualTo(2);
            assertThat(server.stderr().strip().lines()).hasSize(1);
            assertThat(server.stderr()).contains("--static-dir");
        }
    }
}
