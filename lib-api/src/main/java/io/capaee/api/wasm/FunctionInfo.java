// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

/**
 * Facts about a loaded function.
 *
 * @param name the function's name (with its revision when it has one)
 * @param sha256 hex digest of the module bytes
 * @param size module size in bytes
 * @param generation the Capsule ABI generation detected from its exports
 * @param cli whether it exports {@code callHandle}
 * @param http whether it exports {@code callHandleHttp}
 * @param compiled true when the engine compiles it (Chicory's bytecode compiler, or GraalWasm with the Graal
 *     compiler present), false for an interpreter
 */
public record FunctionInfo(String name, String sha256, int size, AbiGeneration generation, boolean cli, boolean http, boolean compiled) {}
