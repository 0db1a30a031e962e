package io.rooms.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.rooms.spi.BusUnavailableException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures certainly left a command undone: only those may be repeated on this node alone. */
class ScriptTest {

    @Test
    void aCommandRejectedWhileDisconnectedOrWithNoConnectionWasCertainlyNotCarriedOut() {
        assertThat(Script.classify(new CompletionException(
                new RedisException("Currently not connected. Commands are rejected."))))
                .isInstanceOf(BusUnavailableException.class);
        assertThat(Script.classify(new RedisConnectionException("Unable to connect to 127.0.0.1:6379")))
                .isInstanceOf(BusUnavailableException.class);
    }

    @Test
    void aCommandWhoseConnectionClosedUnderItOrThatTimedOutMayHaveRun() {
        assertThat(Script.classify(new RedisException("Connection closed")))
                .isNotInstanceOf(BusUnavailableException.class);
        assertThat(Script.classify(new RedisException(new java.io.IOException("Connection reset by peer"))))
                .isNotInstanceOf(BusUnavailableException.class);
        assertThat(Script.classify(new RedisCommandTimeoutException("Command timed out after 2 second(s)")))
                .isNotInstanceOf(BusUnavailableException.class);
    }
}
