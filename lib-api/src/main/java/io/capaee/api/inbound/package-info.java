// SPDX-License-Identifier: Apache-2.0
/**
 * Inbound bindings: message listener interfaces for message-driven beans fed by the resource
 * adapter's activation specs (one listener type per source, as JCA wants one activation spec per
 * listener type), and the message they receive. Delivery is at-least-once where the source
 * allows it: a message is acknowledged (offset committed) only after {@code onMessage} returned
 * normally; a throwing {@code onMessage} is retried with back-off and then sent to a dead-letter
 * destination.
 */
package io.capaee.api.inbound;
