package io.rooms.spi;

import io.rooms.RoomsException;

/**
 * A {@link Cluster} operation that was certainly not carried out, because the cluster could not be
 * reached. Any other failure (a time-out, say) may have been carried out after all, so the core
 * does not repeat it locally.
 */
public class ClusterUnavailableException extends RoomsException {
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
