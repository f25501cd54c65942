// SPDX-License-Identifier: Apache-2.0
/**
 * Input bindings: message-driven beans fed by the resource adapter's activation specs (configured
 * in server.xml) that deliver each event to the application URL named by the spec's
 * {@code target}, with Dapr's input-binding contract.
 */
package io.capaee.bindings.input;
