// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.connector.rabbitmq.RabbitMqSettings;

/**
 * The {@code rabbitmq} broker: topic {@code t} is the fanout exchange {@code prefix + t}; consumer
 * group {@code g} is its durable queue {@code prefix + g + "-" + t} (Dapr's {@code consumerID-topic},
 * so a server that replaces a Dapr sidecar finds the queue it consumed); {@code prefetch} messages at
 * most are unacknowledged on one subscription.
 */
record RabbitMqPubSubSettings(RabbitMqSettings rabbitMq, String prefix, int prefetch, int redeliverAfterMillis) {

    String exchange(String topic) {
        return prefix + topic;
    }

    String queue(String topic, String group) {
        return prefix + group + "-" + topic;
    }
}
