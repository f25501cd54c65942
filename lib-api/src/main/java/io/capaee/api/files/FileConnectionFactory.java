// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

/** A named file store, bound in JNDI as {@code eis/capa/files/NAME}. Thread-safe. */
public interface FileConnectionFactory {
    /** A handle on the store; close it after the unit of work. */
    FileConnection getConnection();

    /** The largest file the store takes, in bytes ({@code capa.files.max-bytes}). */
    long maxBytes();

    /** What the store runs on, e.g. {@code local /var/capa/files} or {@code nats bucket capa-files}; never a secret. */
    String describe();
}
