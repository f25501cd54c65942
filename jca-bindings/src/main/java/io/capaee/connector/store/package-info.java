// SPDX-License-Identifier: Apache-2.0
/**
 * The one store hierarchy (key/value, state, locks, configuration, pub/sub): a managed connection
 * factory configured with a backend ({@code memory} or {@code redis}) and the Redis connection
 * properties, which owns one backend shared by all its managed connections
 * ({@link io.capaee.connector.outbound.BackendManagedConnection}); the building-block stores add the
 * application id that namespaces keys.
 */
package io.capaee.connector.store;
