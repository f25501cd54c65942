// SPDX-License-Identifier: Apache-2.0
/**
 * Desired state: what the APIs deployed at run time (worker deployments, connectors), kept in a
 * durable store before the API answers and deployed again when a server starts. One document per
 * object, the same versioned JSON in a file ({@link FileDesiredState}, the embedded default) or at
 * a key of the shared key/value store ({@link KeyValueDesiredState}, Redis), so that servers sharing
 * a Redis share one desired state. {@link Reconciler} applies a kind's documents to what runs.
 */
package io.capaee.api.desired;
