// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import io.capaee.api.wasm.WasmFunction;
import java.time.Instant;

/**
 * One deployed revision of a function.
 *
 * @param name the function's name
 * @param revision its revision; {@code default} is what {@code /functions/{name}} calls
 * @param function the loaded module
 * @param source where it came from: a file path or a URL
 * @param deployedAt when this version was loaded
 * @param metrics records its calls
 */
public record Deployment(String name, String revision, WasmFunction function, String source, Instant deployedAt,
        FunctionMetrics.Recorder metrics) {}
