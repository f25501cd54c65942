// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The end of a file of the {@link LocalFileStore}: its info as properties text, then the text's
 * length (8 bytes) and a magic number (8 bytes). Written after the content, so that its size and
 * digest are known; read from the end, so that the content needs no copy.
 */
final class LocalTrailer {
    private static final long MAGIC = 0x4341504146494C31L; // "CAPAFIL1"
    private static final int TAIL = 16;
    private static final int MAX_TEXT = 64 * 1024;
    private static final String META = "meta.";

    private LocalTrailer() {}

    static void write(FileInfo info, OutputStream out) throws IOException {
        Properties p = new Properties();
        p.setProperty("name", info.name());
        p.setProperty("size", Long.toString(info.size()));
        p.setProperty("sha256", info.sha256());
        p.setProperty("contentType", info.contentType());
        p.setProperty("lastModified", info.lastModified().toString());
        info.metadata().forEach((k, v) -> p.setProperty(META + k, v));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        p.store(text, null); // escapes everything outside ISO-8859-1, so names in any script survive
        text.writeTo(out);
        out.write(ByteBuffer.allocate(TAIL).putLong(text.size()).putLong(MAGIC).array());
    }

    /** The info of the file open in {@code channel}; throws when the file is not one of ours, or cut short. */
    static FileInfo read(FileChannel channel) throws IOException {
        long length = channel.size();
        if (length < TAIL) {
            throw new IOException("it is too short to hold a trailer");
        }
        ByteBuffer tail = readAt(channel, length - TAIL, TAIL);
        long textLength = tail.getLong();
        if (tail.getLong() != MAGIC || textLength < 0 || textLength > MAX_TEXT || textLength > length - TAIL) {
            throw new IOException("it has no trailer");
        }
        ByteBuffer text = readAt(channel, length - TAIL - textLength, (int) textLength);
        Properties p = new Properties();
        p.load(new StringReader(new String(text.array(), StandardCharsets.ISO_8859_1)));
        Map<String, String> meta = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(META)) {
                meta.put(key.substring(META.length()), p.getProperty(key));
            }
        }
        long size = Long.parseLong(p.getProperty("size"));
        if (size != length - TAIL - textLength) {
            throw new IOException("its content is " + (length - TAIL - textLength) + " bytes, its trailer says " + size);
        }
        return new FileInfo(p.getProperty("name"), size, Instant.parse(p.getProperty("lastModified")),
                p.getProperty("sha256"), p.getProperty("contentType"), meta);
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("it ended early");
            }
        }
        return buffer.flip();
    }
}
