// SPDX-License-Identifier: Apache-2.0
/**
 * Input bindings: message-driven beans fed by the resource adapter's activation specs (configured
 * in server.xml as {@code capa-ee/ejb-bindings/<Bean>}) that deliver each event to the target
 * named by the spec's {@code target}: an application URL with Dapr's input-binding contract, a wasm
 * function, an output binding, or an actor method ({@link io.capaee.bindings.input.TargetDelivery}).
 */
package io.capaee.bindings.input;
