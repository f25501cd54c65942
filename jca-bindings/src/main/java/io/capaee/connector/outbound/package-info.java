// SPDX-License-Identifier: Apache-2.0
/**
 * Outbound JCA plumbing: the {@code @ConnectionDefinition} managed connection factories for
 * key/value ({@code eis/capa/keyvalue}, one of the stores of {@code io.capaee.connector.store}) and
 * query ({@code eis/capa/couchbase}) connections, the application-facing handles and connection
 * factories. Shared shapes live in the {@code *Base} classes: handles check validity and fire
 * {@code CONNECTION_CLOSED} on close, {@code cleanup()} detaches handles, transactions are not
 * supported (NoTransaction). This package is the SPI edge: module exceptions become
 * {@code ResourceException}s here, and container {@code ResourceException}s become the API's
 * {@code KeyValueException}/{@code QueryException}.
 */
package io.capaee.connector.outbound;
