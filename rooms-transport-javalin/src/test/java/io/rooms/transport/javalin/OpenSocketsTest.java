package io.rooms.transport.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenSocketsTest {

    @Test
    void socketsOpeningAtOnceNeverPassTheCap() throws Exception {
        OpenSockets sockets = new OpenSockets(10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> opens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            opens.add(pool.submit(() -> {
                go.await();
                return sockets.tryOpen();
            }));
        }
        go.countDown();
        int opened = 0;
        for (Future<Boolean> open : opens) {
            opened += open.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(opened).isEqualTo(10);
        assertThat(sockets.count()).isEqualTo(10);
    }

    @Test
    void aClosedSocketFreesItsPlaceAndShutdownSeesWhenAllAreClosed() throws Exception {
        OpenSockets sockets = new OpenSockets(1);
        assertThat(sockets.tryOpen()).isTrue();
        assertThat(sockets.tryOpen()).isFalse();
        assertThat(sockets.awaitNone(Duration.ofMillis(20))).isFalse();
        sockets.closed();
        assertThat(sockets.awaitNone(Duration.ofMillis(20))).isTrue();
        assertThat(sockets.tryOpen()).isTrue();
    }
}
