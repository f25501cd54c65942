// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import jakarta.resource.spi.work.Work;
import java.util.Optional;

/**
 * One activated message endpoint: a long-running {@link Work} that receives from its source until
 * {@link #release()}. {@link #awaitStopped} lets deactivation wait until the source is closed.
 */
public interface InboundEndpoint extends Work {

    /** Waits until {@link #run()} has closed its source, at most {@code millis}. */
    boolean awaitStopped(long millis) throws InterruptedException;

    /** What this receives from, for messages. */
    String describe();

    /** Empty while the source is connected and read; else why not (for the health checks). */
    Optional<String> problem();
}
