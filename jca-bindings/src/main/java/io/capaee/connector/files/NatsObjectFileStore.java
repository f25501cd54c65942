// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.files;

import io.capaee.api.files.DigestingInput;
import io.capaee.api.files.FileException;
import io.capaee.api.files.FileInfo;
import io.capaee.api.files.FileListing;
import io.capaee.api.files.FileMetadata;
import io.capaee.api.files.FileName;
import io.capaee.api.files.FileRead;
import io.capaee.api.files.FileStore;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.outbound.SharedBackendBase;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.PurgeOptions;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsObjectStoreUtil;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FileStore} in a bucket of the NATS JetStream object store (jnats' {@link ObjectStore}),
 * created on first use (file storage). jnats publishes a file's chunks first and its info last, so
 * a file is visible only once complete, and purges the chunks of a put that failed (our size limit
 * fails the read with an {@link IOException} for that reason). A replaced or deleted file's chunks
 * are purged: jnats 2.20 purges them on delete but not on replace, so this store does it after a put.
 * The content type and user metadata travel as the object's headers; the digest is jnats' SHA-256.
 * A listing reads the info of every file in the bucket: its cost grows with their number.
 */
final class NatsObjectFileStore extends SharedBackendBase implements FileStore {
    static final String TYPE_HEADER = "Content-Type";
    static final String META_HEADER = "X-Capa-Meta-";

    private final Connection connection;
    private final String bucket;
    private volatile ObjectStore store; // made on first use, once the bucket exists

    NatsObjectFileStore(Connection connection, String bucket) {
        this.connection = connection;
        this.bucket = bucket;
    }

    @Override
    public FileInfo put(String name, InputStream content, FileMetadata metadata, long maxBytes) {
        FileName.check(name);
        FileMetadata meta = metadata == null ? FileMetadata.none() : metadata;
        Headers headers = new Headers();
        headers.put(TYPE_HEADER, meta.contentType());
        meta.user().forEach((k, v) -> headers.put(META_HEADER + k, v));
        DigestingInput in = new DigestingInput(content, null, maxBytes);
        try {
            ObjectStore os = store();
            ObjectInfo old = os.getInfo(name);
            ObjectInfo put = os.put(ObjectMeta.builder(name).headers(headers).build(), in);
            if (old != null && !old.getNuid().equals(put.getNuid())) {
                purgeChunks(old.getNuid());
            }
            return NatsFileInfo.of(put);
        } catch (DigestingInput.SizeLimitException e) {
            throw new FileException(FileException.Reason.TOO_LARGE, "file '" + name + "' is " + e.getMessage()
                    + " (capa.files.max-bytes); nothing was stored");
        } catch (Exception e) {
            throw failed("storing file '" + name + "'", e);
        }
    }

    @Override
    public Optional<FileRead> open(String name) {
        FileName.check(name);
        ObjectInfo info = info(name);
        return info == null ? Optional.empty() : Optional.of(new NatsFileRead(store, info));
    }

    @Override
    public Optional<FileInfo> stat(String name) {
        FileName.check(name);
        return Optional.ofNullable(info(name)).map(NatsFileInfo::of);
    }

    @Override
    public FileListing list(String prefix, String marker, int limit) {
        String p = FileName.checkPrefix(prefix);
        FileListing.checkLimit(limit);
        List<FileInfo> found = new ArrayList<>();
        try {
            for (ObjectInfo info : store().getList()) {
                if (!info.isDeleted() && !info.isLink() && info.getObjectName().startsWith(p)) {
                    found.add(NatsFileInfo.of(info));
                }
            }
        } catch (Exception e) {
            throw failed("listing bucket " + bucket, e);
        }
        found.sort(Comparator.comparing(FileInfo::name));
        return FileListing.page(found, marker, limit);
    }

    @Override
    public boolean delete(String name) {
        FileName.check(name);
        try {
            ObjectStore os = store();
            if (os.getInfo(name) == null) {
                return false;
            }
            os.delete(name); // publishes a deleted marker and purges the chunks
            return true;
        } catch (Exception e) {
            throw failed("deleting file '" + name + "'", e);
        }
    }

    @Override
    protected void release() {
        NatsClients.close(connection);
    }

    private ObjectInfo info(String name) {
        try {
            return store().getInfo(name);
        } catch (Exception e) {
            throw failed("reading file '" + name + "'", e);
        }
    }

    /** The bucket, created when it does not exist yet (creating an existing one with the same settings is a no-op). */
    private ObjectStore store() throws IOException, JetStreamApiException {
        ObjectStore made = store;
        if (made == null) {
            connection.objectStoreManagement().create(
                    ObjectStoreConfiguration.builder(bucket).storageType(StorageType.File).build());
            made = connection.objectStore(bucket);
            store = made;
        }
        return made;
    }

    private void purgeChunks(String nuid) throws IOException, JetStreamApiException {
        connection.jetStreamManagement().purgeStream(NatsObjectStoreUtil.toStreamName(bucket),
                PurgeOptions.subject(NatsObjectStoreUtil.toChunkPrefix(bucket) + nuid));
    }

    /** A jnats failure as the API's: NATS not answering (I/O, a time-out) is UNAVAILABLE, anything else STORAGE. */
    static FileException failed(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof FileException f) {
            return f;
        }
        FileException.Reason reason = e instanceof IOException || e instanceof InterruptedException
                ? FileException.Reason.UNAVAILABLE : FileException.Reason.STORAGE;
        return new FileException(reason, what + " failed: " + e.getMessage(), e);
    }
}
