// SPDX-License-Identifier: Apache-2.0
/**
 * The engine interface: what a wasm engine other than Chicory implements to run Capsule modules
 * behind {@link io.capaee.api.wasm.WasmEngine} ({@code capa.functions.engine}).
 */
package io.capaee.api.wasm.spi;
