// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import io.capaee.api.wasm.AbiGeneration;

/**
 * What the engine learnt about a module before running it.
 *
 * @param generation the ABI generation, from the arity of {@code callHandleHttp}
 * @param cliHandler whether {@code callHandle} is exported
 * @param httpHandler whether {@code callHandleHttp} is exported
 * @param initialPages the linear memory's declared initial size
 * @param declaredMaxPages the module's own maximum, or -1 when it declares none
 */
public record ModuleShape(
        AbiGeneration generation, boolean cliHandler, boolean httpHandler, int initialPages, int declaredMaxPages) {}
