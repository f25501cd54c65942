// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.io.OutputStream;

/**
 * A file opened for reading: its {@link #info()} first (so that HTTP can send its headers), then
 * its content, streamed to an output. It stays usable after the connection that opened it is
 * closed, until it is closed itself. In the local store it is one open file, so info and content
 * always belong together even when the file is replaced meanwhile; in the NATS object store the
 * content is read when {@link #writeTo} is called, and a replacement in between fails the read
 * (the digest no longer matches) rather than mixing versions.
 */
public interface FileRead extends AutoCloseable {
    FileInfo info();

    /** Writes the whole content to {@code out}; call once. */
    void writeTo(OutputStream out);

    @Override
    void close();
}
