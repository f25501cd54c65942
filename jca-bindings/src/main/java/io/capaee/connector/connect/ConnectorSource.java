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

    @Override
    void close() throws Exception;
}
