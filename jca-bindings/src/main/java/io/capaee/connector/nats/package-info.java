// SPDX-License-Identifier: Apache-2.0
/**
 * NATS, the one place the adapter builds its connections: the validated
 * {@link io.capaee.connector.nats.NatsSettings} (from JCA properties held in
 * {@link io.capaee.connector.nats.NatsProperties}, or from a connector step's URL and credentials)
 * and the one options builder ({@link io.capaee.connector.nats.NatsClients}). Callers get a jnats
 * {@code Connection} for the subjects, streams and buckets they use; how they subscribe and
 * deliver is theirs.
 */
package io.capaee.connector.nats;
