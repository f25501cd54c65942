// SPDX-License-Identifier: Apache-2.0
/**
 * Connectors in the Synadia Connect v1 model: an inlet (source, optional transformer, NATS
 * producer) or an outlet (NATS consumer, optional transformer, sink). {@link ConnectorParser}
 * reads a Connect document (YAML or base64 YAML) into a {@link ConnectorSpec}, validated against
 * the runtime's own component definitions ({@link ConnectRuntime}), and names the offending field
 * when it refuses one. {@link ConnectorManager} is what the resource adapter binds as
 * {@code eis/capa/connectors}: deploy, list, status, start, stop, delete. No broker client type
 * appears here.
 */
package io.capaee.api.connect;
