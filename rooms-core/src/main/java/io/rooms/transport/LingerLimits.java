package io.rooms.transport;

import java.time.Duration;

/**
 * How long, and for how many bytes, a transport keeps reading a socket it has sent a close frame on
 * before it closes the connection: one promise for every transport. Closing at once while the
 * client is still writing makes the kernel answer with a reset, and a reset can make the client's
 * kernel throw away the close frame unread (the client then sees 1006, not the code it was sent).
 */
public final class LingerLimits {
    /** How long a client has to close its side after the close frame. */
    public static final Duration DEADLINE = Duration.ofSeconds(5);
    /** How much a client may still send: room for a few messages on their way, each up to the frame cap. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private LingerLimits() {}
}
