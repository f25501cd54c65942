// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import io.capaee.api.CapaException;

/** A registry operation was refused or failed; {@link #reason()} decides the HTTP status. */
public class RegistryException extends CapaException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** org, name, tag or file name not acceptable (400). */
        BAD_NAME,
        /** no such module or file (404). */
        NOT_FOUND,
        /** the tag exists and the upload did not ask to replace it (409). */
        ALREADY_EXISTS,
        /** larger than the configured limit (413). */
        TOO_LARGE,
        /** the bytes are not a WebAssembly module (422). */
        NOT_WASM,
        /** the upload lacks a part (400). */
        MISSING_PART,
        /** the storage failed (500). */
        STORAGE,
        /** the storage cannot be reached, e.g. NATS is down; the message names the backend (503). */
        UNAVAILABLE
    }

    private final Reason reason;

    public RegistryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RegistryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A tag that exists, uploaded again without asking to replace it. */
    public static RegistryException alreadyExists(ModuleCoordinates c) {
        return new RegistryException(Reason.ALREADY_EXISTS, "module " + c + " already exists; tags are immutable unless the upload asks to replace");
    }

    /** A module that is not stored. */
    public static RegistryException notFound(ModuleCoordinates c) {
        return new RegistryException(Reason.NOT_FOUND, "module " + c + " is not in the registry");
    }

    public Reason reason() {
        return reason;
    }
}
