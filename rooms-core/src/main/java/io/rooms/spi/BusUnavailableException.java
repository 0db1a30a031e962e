package io.rooms.spi;

/**
 * A {@link Bus} operation that was certainly not carried out, because the bus could not be reached.
 * Any other failure (a time-out, say) may have been carried out after all, so the core does not
 * repeat it locally.
 */
public class BusUnavailableException extends RuntimeException {
    public BusUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
