// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.api.CapaException;

/**
 * A wasm function could not be loaded or run. {@link #reason()} says which kind of failure it
 * was, so that callers can map it (for example to an HTTP status) without parsing messages.
 */
public class WasmFunctionException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to decide a status code on. */
    public enum Reason {
        /** The bytes are not a wasm module Chicory can parse and validate. */
        INVALID_MODULE,
        /** The module lacks an export the Capsule ABI needs, or has it with the wrong type. */
        MISSING_EXPORT,
        /** The module imports a function no host provides, or instantiation ({@code _start}) failed. */
        INSTANTIATION,
        /** The guest trapped (unreachable, out-of-bounds access, stack overflow, ...). */
        TRAP,
        /** The guest ran longer than the function's time limit and was interrupted. */
        TIMEOUT,
        /** The guest needed more linear memory than the function's limit allows. */
        MEMORY_LIMIT,
        /** A host function could not do its work (bad pointer from the guest, ...). */
        HOST_FUNCTION,
        /** The request itself cannot be handed to the guest (too large, unsupported). */
        BAD_INPUT
    }

    private final Reason reason;

    public WasmFunctionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WasmFunctionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
