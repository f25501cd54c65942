// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.files;

import io.capaee.api.files.FileConnection;
import io.capaee.api.files.FileException;
import io.capaee.api.files.FileInfo;
import io.capaee.api.files.FileListing;
import io.capaee.api.files.FileMetadata;
import io.capaee.api.files.FileRead;
import io.capaee.api.files.FileStore;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.io.InputStream;
import java.util.Optional;

/** The {@link FileConnection} an application holds: the operations of the factory's one store. */
public final class FileConnectionHandle extends BackendConnectionHandle<FileStore> implements FileConnection {
    private final long maxBytes;

    /** @param maxBytes the store's limit, which a caller's own limit can lower but not raise */
    FileConnectionHandle(long maxBytes) {
        super(FileException::new);
        this.maxBytes = maxBytes;
    }

    @Override
    public FileInfo put(String name, InputStream content, FileMetadata metadata, long maxBytes) {
        return backend().put(name, content, metadata, Math.min(maxBytes, this.maxBytes));
    }

    @Override
    public Optional<FileRead> open(String name) {
        return backend().open(name);
    }

    @Override
    public Optional<FileInfo> stat(String name) {
        return backend().stat(name);
    }

    @Override
    public FileListing list(String prefix, String marker, int limit) {
        return backend().list(prefix, marker, limit);
    }

    @Override
    public boolean delete(String name) {
        return backend().delete(name);
    }
}
