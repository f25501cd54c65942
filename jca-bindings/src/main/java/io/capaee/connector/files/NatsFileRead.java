// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.files;

import io.capaee.api.files.FileException;
import io.capaee.api.files.FileInfo;
import io.capaee.api.files.FileRead;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An object opened for reading: its info now, its chunks when written out. jnats fetches the
 * object's info again to read it; if that is another version (replaced in between), the copy stops
 * before it sends more bytes than the first info announced, and fails, rather than pass one
 * version's bytes under the other's headers.
 */
final class NatsFileRead implements FileRead {
    private final ObjectStore store;
    private final ObjectInfo object;
    private final FileInfo info;

    NatsFileRead(ObjectStore store, ObjectInfo object) {
        this.store = store;
        this.object = object;
        this.info = NatsFileInfo.of(object);
    }

    @Override
    public FileInfo info() {
        return info;
    }

    @Override
    public void writeTo(OutputStream out) {
        Bounded bounded = new Bounded(out, info.size());
        ObjectInfo read;
        try {
            read = store.get(info.name(), bounded);
        } catch (Exception e) {
            throw NatsObjectFileStore.failed("reading file '" + info.name() + "'", e);
        }
        if (!read.getNuid().equals(object.getNuid())) {
            throw new FileException(FileException.Reason.STORAGE, "file '" + info.name() + "' was replaced while it was read; read it again");
        }
    }

    @Override
    public void close() {
        // nothing held: the chunks are fetched by writeTo
    }

    /** Passes at most {@code max} bytes on, and fails on more. */
    private static final class Bounded extends FilterOutputStream {
        private final long max;
        private long count;

        Bounded(OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
            if (count > max) {
                throw new IOException("the file changed while it was read: more than the " + max + " bytes announced");
            }
            out.write(b, off, len);
        }
    }
}
