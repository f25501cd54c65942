// SPDX-License-Identifier: Apache-2.0
/**
 * Who may call what: the access levels of every HTTP API ({@link io.capaee.api.security.Access}), the
 * credentials that grant them (Liberty users in the roles {@code capa-admin} and {@code capa-viewer},
 * the admin token, the Dapr API token) and the development default that trusts loopback callers.
 */
package io.capaee.api.security;
