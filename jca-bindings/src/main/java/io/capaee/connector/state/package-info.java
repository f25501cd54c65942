// SPDX-License-Identifier: Apache-2.0
/**
 * State stores ({@code eis/capa/state/NAME}): the connection definition, the translation of the
 * API's items into checked, namespaced writes, and the memory and Redis backends.
 */
package io.capaee.connector.state;
