// SPDX-License-Identifier: Apache-2.0
/**
 * NATS core inbound: subjects with optional queue groups. NATS core has no acknowledgements, so
 * this is at-most-once from the broker's side; retries and dead letters still apply once a message
 * arrived. Use JetStream for at-least-once.
 */
package io.capaee.connector.inbound.nats;
