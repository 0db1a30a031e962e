package io.rooms;

import io.rooms.spi.Scheduler;

/**
 * One membership's presence updates on their way out, as {@link Presence} paces them: when the last
 * went, and the latest one held back until the pace allows it. Guarded by its own monitor.
 */
final class PresenceSlot {
    /** Whether an update went out yet; {@link #sentAt} means nothing before. */
    boolean sent;
    long sentAt;
    /** The update a scheduled flush will send (raw JSON text, or null to clear); meaningful while {@link #flush} is set. */
    String pending;
    /** The flush on its way, or null. */
    Scheduler.Cancellable flush;
}
