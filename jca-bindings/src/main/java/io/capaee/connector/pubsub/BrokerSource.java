// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import java.time.Duration;
import java.util.List;

/**
 * One subscription's reading side of a broker ({@link Broker#open}): what a turn takes, each
 * message then acknowledged or released ({@link BrokerMessage}). Used by one thread at a time (turns
 * of a subscription never overlap), so clients that are not thread-safe may live here.
 */
interface BrokerSource extends AutoCloseable {
    /** The next messages in the broker's order, possibly none, waiting at most about {@code wait}. */
    List<BrokerMessage> take(Duration wait) throws Exception;

    /** Whether what is published from now on reaches this source (Kafka: the group assigned its partitions). */
    default boolean ready() {
        return true;
    }

    /**
     * The messages waiting at the broker for this source's group (a round trip, made every few seconds
     * only); negative for a broker without a lag (the default).
     */
    default long lag() throws Exception {
        return -1;
    }

    /** Lets go of the subscription (the consumer group stays with the broker); must not throw. */
    @Override
    void close();
}
