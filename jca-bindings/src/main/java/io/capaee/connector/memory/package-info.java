// SPDX-License-Identifier: Apache-2.0
/**
 * The embedded {@code memory} key/value backend: a thread-safe map per managed connection factory,
 * and {@link io.capaee.connector.memory.GlobPattern}, Redis's glob matching for {@code keys()}.
 * Nothing here outlives the server, and nothing here is shared between connection factories.
 */
package io.capaee.connector.memory;
