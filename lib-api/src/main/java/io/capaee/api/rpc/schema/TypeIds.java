// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ids of declarations that give none, derived as the capnp compiler derives them
 * (compiler/type-id.c++): the first 8 bytes of the MD5 of the parent's id and the child's name,
 * group index or method ordinal, with the top bit set.
 */
final class TypeIds {
    private TypeIds() {}

    static long childId(long parentId, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] in = new byte[8 + bytes.length];
        littleEndian(parentId, in);
        System.arraycopy(bytes, 0, in, 8, bytes.length);
        return md5Id(in);
    }

    static long groupId(long parentId, int index) {
        byte[] in = new byte[10];
        littleEndian(parentId, in);
        in[8] = (byte) index;
        in[9] = (byte) (index >> 8);
        return md5Id(in);
    }

    static long paramsId(long parentId, int methodOrdinal, boolean results) {
        byte[] in = new byte[11];
        littleEndian(parentId, in);
        in[8] = (byte) methodOrdinal;
        in[9] = (byte) (methodOrdinal >> 8);
        in[10] = (byte) (results ? 1 : 0);
        return md5Id(in);
    }

    private static void littleEndian(long v, byte[] out) {
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
    }

    private static long md5Id(byte[] in) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(in);
            long r = 0;
            for (int i = 0; i < 8; i++) {
                r = (r << 8) | (d[i] & 0xff);
            }
            return r | Long.MIN_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }
}
