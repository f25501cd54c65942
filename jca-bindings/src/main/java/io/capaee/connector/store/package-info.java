// SPDX-License-Identifier: Apache-2.0
/**
 * What the building-block stores (state, locks) share: a managed connection factory configured
 * with a backend ({@code memory} or {@code redis}), the Redis settings and the application id that
 * namespaces keys; a managed connection on the factory's shared backend; the Redis client.
 */
package io.capaee.connector.store;
