// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

import java.util.Map;
import java.util.Objects;

/**
 * One message from an inbound source.
 *
 * @param source the source kind: {@code nats}, {@code kafka}
 * @param destination the subject or topic it came from
 * @param key the record key (Kafka) or null
 * @param data the payload, never null
 * @param metadata headers and source facts (e.g. {@code partition}, {@code offset}), never null
 * @param attempt 1 for the first delivery, 2 for the first retry, and so on
 * @param target the delivery target configured on the activation spec ({@code target}), or empty
 */
public record InboundMessage(String source, String destination, String key, byte[] data,
        Map<String, String> metadata, int attempt, String target) {
    public InboundMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        data = data == null ? new byte[0] : data;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        target = target == null ? "" : target;
    }

    /** The same message for another delivery attempt. */
    public InboundMessage withAttempt(int next) {
        return new InboundMessage(source, destination, key, data, metadata, next, target);
    }
}
