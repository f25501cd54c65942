// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/**
 * One activated input binding (a message-driven bean the resource adapter feeds), registered as
 * {@code io.capaee:type=InputBinding,name="<bean>"} while it is active. Counts are since its activation.
 */
public interface InputBindingMXBean {
    /** The {@code type} of the object names. */
    String TYPE = "InputBinding";

    /** The bean's name, as in the readiness check {@code inbound} and the metrics' {@code binding} tag. */
    String getBinding();

    /** What it reads from. */
    String getSource();

    /** {@code UP}, or {@code DOWN: <why>}. */
    String getState();

    /** Attempts that delivered a message to the bean. */
    long getDeliveries();

    /** Attempts that failed (each retried, or the message given up after the last). */
    long getDeliveryErrors();

    /** Messages given up after the last attempt: written to the dead-letter destination, or dropped where there is none. */
    long getDeadLetters();

    /**
     * Messages waiting at the source, read every few seconds: Kafka, the consumer group's end offsets minus
     * its committed offsets, summed over partitions; JetStream, the consumer's {@code num_pending}; Redis
     * streams, the group's {@code lag} of {@code XINFO GROUPS} (Redis 7). -1 for a source without one
     * (NATS core, MQTT, RabbitMQ, cron, webhooks) and until the first reading.
     */
    long getLag();
}
