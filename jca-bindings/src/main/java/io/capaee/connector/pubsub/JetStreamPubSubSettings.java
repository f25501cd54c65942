// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.connector.nats.NatsSettings;

/**
 * A NATS JetStream pub/sub broker's settings, validated by its factory: the NATS connection, the
 * subject prefix (topic {@code t} is the subject {@code subjectPrefix + t}), the stream that holds
 * every subject under the prefix (created when missing, file storage, messages kept for
 * {@code maxAgeSeconds}), whether a new consumer group starts at the oldest message, the ack wait
 * and the delay before a refused message is delivered again.
 */
public record JetStreamPubSubSettings(NatsSettings nats, String subjectPrefix, String stream, long maxAgeSeconds,
        boolean oldest, int ackWaitMillis, int redeliverAfterMillis) {}
