// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/** Listener type of the Kafka activation spec (topics, consumer groups). */
public interface KafkaListener extends InboundListener {}
