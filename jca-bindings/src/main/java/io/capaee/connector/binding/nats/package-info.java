// SPDX-License-Identifier: Apache-2.0
/** The {@code nats} output binding: NATS core publish and request-reply, or JetStream publish; jnats. */
package io.capaee.connector.binding.nats;
