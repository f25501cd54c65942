// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/** Listener type of the NATS core activation spec (subjects, queue groups). */
public interface NatsListener extends InboundListener {}
