// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A file of the {@link LocalFileStore}, held open: its content is the first {@code info.size()} bytes. */
final class LocalFileRead implements FileRead {
    private final FileChannel channel;
    private final FileInfo info;

    LocalFileRead(FileChannel channel, FileInfo info) {
        this.channel = channel;
        this.info = info;
    }

    @Override
    public FileInfo info() {
        return info;
    }

    @Override
    public void writeTo(OutputStream out) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        try {
            while (position < info.size()) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), info.size() - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("it ended early");
                }
                out.write(buffer.array(), 0, n);
                position += n;
            }
            out.flush();
        } catch (IOException e) {
            throw new FileException(FileException.Reason.STORAGE, "reading file '" + info.name() + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        LocalFileStore.closeQuietly(channel);
    }
}
