// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import io.capaee.api.CapaException;

/** A file operation that did not happen, and why; the message names the file and what was wrong. */
public class FileException extends CapaException {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed: each is one kind of answer over HTTP. */
    public enum Reason {
        /** the name is not a file name of this API (empty, too long, a {@code .} or {@code ..} segment, ...) */
        BAD_NAME,
        /** a parameter is not acceptable: the content type, a user metadata entry, a list limit */
        BAD_REQUEST,
        /** there is no such file */
        NOT_FOUND,
        /** the content is larger than the store's limit; nothing was stored */
        TOO_LARGE,
        /** the store cannot be reached (NATS down); try again later */
        UNAVAILABLE,
        /** the store failed (disk full, permissions, a damaged file) */
        STORAGE
    }

    private final Reason reason;

    public FileException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FileException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** For a connection handle that can no longer be used. */
    public FileException(String message, Throwable cause) {
        this(Reason.STORAGE, message, cause);
    }

    public FileException(String message) {
        this(Reason.STORAGE, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
