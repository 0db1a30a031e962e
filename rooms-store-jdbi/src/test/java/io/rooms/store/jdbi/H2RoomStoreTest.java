package io.rooms.store.jdbi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RoomStoreTest extends RoomStoreContract {
    @RegisterExtension
    final DatabaseExtension database = DatabaseExtension.h2();

    @Override
    protected DatabaseExtension database() {
        return database;
    }

    @Test
    void anUnsupportedUrlIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> JdbiRoomStore.open("jdbc:mysql://localhost/rooms"))
                .isInstanceOf(StoreException.class).hasMessageContaining("jdbc:h2: or jdbc:postgresql:");
    }
}
