// SPDX-License-Identifier: Apache-2.0
/**
 * WebAssembly functions: Capsule 0.1.x modules run with Chicory. {@link io.capaee.api.wasm.WasmEngine}
 * loads a module into a {@link io.capaee.api.wasm.WasmFunction}; {@link io.capaee.api.wasm.FunctionSettings}
 * says what it may use.
 */
package io.capaee.api.wasm;
