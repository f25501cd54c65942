// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import java.time.Duration;
import java.util.List;

/** Where a connector reads from; used by one turn of its connector at a time. */
interface ConnectorSource extends AutoCloseable {
    /** The next messages, possibly none, waiting at most about {@code wait}. */
    List<Received> poll(Duration wait) throws Exception;

    /** After a batch: makes the acknowledgements of the batch durable (Kafka commits here). */
    default void commit() throws Exception {
    }

    /**
     * The messages waiting at the source for this connector: a round trip to the broker, which the
     * connector makes every few seconds only; negative for a source without a lag (the default).
     */
    default long lag() throws Exception {
        return -1;
    }

    @Override
    void close() throws Exception;
}
