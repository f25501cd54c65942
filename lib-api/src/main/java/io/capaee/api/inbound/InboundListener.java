// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/**
 * What every inbound message-driven bean implements, through its source's sub-interface
 * ({@link NatsListener}, {@link KafkaListener}).
 */
public interface InboundListener {
    /**
     * Handles one message. Returning normally acknowledges it; throwing asks for a retry (and,
     * after the activation spec's {@code maxAttempts}, a dead letter).
     */
    void onMessage(InboundMessage message) throws Exception;
}
