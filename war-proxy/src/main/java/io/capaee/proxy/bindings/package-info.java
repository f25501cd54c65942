// SPDX-License-Identifier: Apache-2.0
/**
 * Dapr's output-binding API, {@code POST|PUT /v1.0/bindings/{name}}, over the resource adapter's
 * binding connection factories ({@code eis/binding/<name>}).
 */
package io.capaee.proxy.bindings;
