// SPDX-License-Identifier: Apache-2.0
/**
 * {@code /v1.0-alpha1/connectors}: the management API of the Connect connectors that the resource
 * adapter runs ({@code eis/capa/connectors}), and the runtime's self-description.
 */
package io.capaee.proxy.connectors;
