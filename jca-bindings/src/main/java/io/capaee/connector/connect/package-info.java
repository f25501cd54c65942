// SPDX-License-Identifier: Apache-2.0
/**
 * The connector runtime: Connect v1 connectors (lib-api {@code io.capaee.api.connect}) run in
 * short turns on the container's work manager, one {@link ConnectorWork} per running connector:
 * poll the source, run the wasm transformers, hand the message to the sink, and only
 * then acknowledge it at the source (at-least-once where the source can redeliver). A failed
 * transformation or send is counted, kept as the last error, and retried with back-off until it
 * succeeds or the connector stops; what was not acknowledged then is released to the source.
 * {@link ConnectorRuntime} is the registry the {@code eis/capa/connectors} factory exposes.
 */
package io.capaee.connector.connect;
