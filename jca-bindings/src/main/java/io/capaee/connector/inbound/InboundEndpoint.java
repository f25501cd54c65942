// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import jakarta.resource.spi.work.WorkException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One activated message endpoint: receives from its source in short works on the container's
 * work manager from {@link #start} until {@link #release()}. {@link #awaitStopped} lets
 * deactivation wait until the source is closed.
 */
public interface InboundEndpoint {

    /** Schedules the first work (which opens the source). */
    void start(WorkPacer pacer) throws WorkException;

    /** Asks the endpoint to stop: the work in progress ends its delivery, then the source is closed. */
    void release();

    /** Waits until the source is closed, at most {@code millis}. */
    boolean awaitStopped(long millis) throws InterruptedException;

    /** What this receives from, for messages. */
    String describe();

    /** Empty while the source is connected and read; else why not (for the health checks). */
    Optional<String> problem();

    /** The messages waiting at the source, as last read; empty for a source without a lag, or before the first reading. */
    default OptionalLong lag() {
        return OptionalLong.empty();
    }
}
