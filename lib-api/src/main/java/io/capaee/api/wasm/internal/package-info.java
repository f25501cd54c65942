// SPDX-License-Identifier: Apache-2.0
/**
 * The Chicory host behind {@link io.capaee.api.wasm.WasmEngine}: module inspection and
 * compilation, the {@code env} host-function table, instance snapshots and pooling, time limits.
 * Not API: only the engine and the modules of this project use it.
 */
package io.capaee.api.wasm.internal;
