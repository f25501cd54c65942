// SPDX-License-Identifier: Apache-2.0
/**
 * HTTP, the one place the adapter builds its HTTP clients: the validated
 * {@link io.capaee.connector.http.HttpSettings} (from the output binding's JCA properties or a
 * connector step's fields) and {@link io.capaee.connector.http.HttpClients}, which creates the JDK
 * client and marks the requests as this server's own. Callers build the requests their operations
 * need; what an answer means is theirs.
 */
package io.capaee.connector.http;
