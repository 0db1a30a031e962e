package io.rooms.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/rooms?user=rooms&password=sekret | jdbc:postgresql://db:5432/rooms",
        "jdbc:postgresql://rooms:sekret@db/rooms | jdbc:postgresql://db/rooms",
        "jdbc:h2:file:./data/rooms;PASSWORD=sekret | jdbc:h2:file:./data/rooms",
        "jdbc:h2:mem:x | jdbc:h2:mem:x",
    })
    void messagesNeverCarryACredential(String url, String shown) {
        assertThat(DatabaseUrl.redacted(url)).isEqualTo(shown).doesNotContain("sekret");
    }

    @Test
    void anUnusableH2DirectoryIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-directory"));
        assertThatThrownBy(() -> JdbiRoomStore.open("jdbc:h2:file:" + file + "/sub/rooms"))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot create the H2 database's directory " + file.resolve("sub") + ": not a directory");
    }

    @Test
    void theH2DirectoryIsCreatedWhenMissing(@TempDir Path dir) {
        try (JdbiRoomStore store = JdbiRoomStore.open("jdbc:h2:file:" + dir.resolve("a/b/rooms"))) {
            assertThat(dir.resolve("a/b/rooms.mv.db")).exists();
        }
    }
}
