// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/** Listener type of the NATS JetStream activation spec (durable consumers, acknowledged after delivery). */
public interface JetStreamListener extends InboundListener {}
