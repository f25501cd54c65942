// SPDX-License-Identifier: Apache-2.0
package io.capaee.testing;

import java.io.InputStream;

/** WebAssembly modules of any size for the registry's tests, made as they are read (nothing held in memory). */
public final class GeneratedModules {
    private GeneratedModules() {}

    /** A valid module of {@code size} bytes (at least 16): the header and one custom section named {@code z}, of {@code fill} bytes. */
    public static InputStream generated(long size, byte fill) {
        long payload = size - 8 - 1 - 5 - 2; // header, id, 5-byte LEB size, name length and name
        byte[] head = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 1, 'z'};
        long sectionSize = payload + 2;
        for (int i = 0; i < 5; i++) {
            head[9 + i] = (byte) ((sectionSize >>> (7 * i)) & 0x7f | (i < 4 ? 0x80 : 0));
        }
        return new InputStream() {
            long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    b[off + i] = p < head.length ? head[(int) p] : fill;
                }
                position += n;
                return n;
            }
        };
    }
}
