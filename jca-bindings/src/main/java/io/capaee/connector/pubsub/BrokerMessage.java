// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

/** A message a {@link BrokerSource} handed over; exactly one of ack, release or abandon settles it (or it went stale). */
interface BrokerMessage {
    byte[] data();

    /** Handled: the broker may forget it. */
    void ack();

    /** Not handled: the broker delivers it again, later (after its redelivery pause). */
    void release();

    /** Not tried, because the subscription stops: the broker may hand it to another reader at once. */
    default void abandon() {
        release();
    }

    /**
     * The source will hand this message over again by itself (Kafka: an earlier message of its
     * partition was released, which rewinds the partition): it must be neither delivered nor settled now.
     */
    default boolean stale() {
        return false;
    }
}
