// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A message a {@link BrokerSource} handed over, with what settles it at the broker: exactly one of
 * {@link #ack}, {@link #release} or {@link #abandon} (unless it went {@linkplain #stale stale}).
 *
 * @param onAck handled: the broker may forget it
 * @param onRelease not handled: the broker delivers it again, later (after its redelivery pause)
 * @param onAbandon not tried, because the subscription stops: the broker may hand it to another reader at once
 * @param staleness whether the source will hand the message over again by itself (Kafka: an earlier
 *     message of its partition was released, which rewinds the partition): then it must be neither
 *     delivered nor settled now
 * @param headers the headers it was published with (empty: none)
 */
record BrokerMessage(byte[] data, Runnable onAck, Runnable onRelease, Runnable onAbandon, BooleanSupplier staleness,
        Map<String, String> headers) {
    /** For the sources that must not do anything to let a message go. */
    static final Runnable NOTHING = () -> { };

    /** A message that is abandoned as it is released, and never stale. */
    static BrokerMessage of(byte[] data, Runnable onAck, Runnable onRelease) {
        return new BrokerMessage(data, onAck, onRelease, onRelease, () -> false);
    }

    /** A message published without headers. */
    BrokerMessage(byte[] data, Runnable onAck, Runnable onRelease, Runnable onAbandon, BooleanSupplier staleness) {
        this(data, onAck, onRelease, onAbandon, staleness, Map.of());
    }

    /** This message with the headers it was published with. */
    BrokerMessage withHeaders(Map<String, String> published) {
        return published.isEmpty() ? this : new BrokerMessage(data, onAck, onRelease, onAbandon, staleness, published);
    }

    void ack() {
        onAck.run();
    }

    void release() {
        onRelease.run();
    }

    void abandon() {
        onAbandon.run();
    }

    boolean stale() {
        return staleness.getAsBoolean();
    }
}
