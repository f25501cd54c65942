// SPDX-License-Identifier: Apache-2.0
package io.capaee.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Capsule-shaped modules (memory, {@code _start}, {@code malloc}, {@code allocateBuffer} and a handler) with a
 * {@code loop br 0 end} where the time limit must stop them. Assembled byte by byte because no guest source can be
 * compiled at test time, and no test guest loops where these do.
 */
public final class LoopingModules {
    private static final int[] LOOP = {0, 0x03, 0x40, 0x0c, 0x00, 0x0b};
    private static final int[] I32_1024 = {0, 0x41, 0x80, 0x08, 0x0b};

    private LoopingModules() {}

    /** A CLI module ({@code callHandle}) whose {@code _start} never returns: loading it must time out. */
    public static byte[] start() {
        return module(new int[] {2, 0x7f, 0x7f}, "callHandle", join(LOOP, 0x0b), new int[] {0, 0x42, 0x00, 0x0b});
    }

    /** An HTTP module ({@code callHandleHttp}) that starts, then never returns from a call. */
    public static byte[] httpHandler() {
        return module(new int[] {4, 0x7f, 0x7f, 0x7f, 0x7f}, "callHandleHttp", new int[] {0, 0x0b}, join(LOOP, 0x42, 0x00, 0x0b));
    }

    /** Types () ; i32->i32 ; (handler params)->i64, then the four functions _start, malloc, allocateBuffer, the handler. */
    private static byte[] module(int[] handlerParams, String handler, int[] startBody, int[] handlerBody) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        section(m, 1, bytes(join(new int[] {3, 0x60, 0, 0, 0x60, 1, 0x7f, 1, 0x7f, 0x60}, join(handlerParams, 1, 0x7e))));
        section(m, 3, bytes(new int[] {4, 0, 1, 1, 2}));
        section(m, 5, bytes(new int[] {1, 0, 2})); // one memory, 2 pages, no maximum
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        exports.write(5);
        export(exports, "memory", 2, 0);
        export(exports, "_start", 0, 0);
        export(exports, "malloc", 0, 1);
        export(exports, "allocateBuffer", 0, 2);
        export(exports, handler, 0, 3);
        section(m, 7, exports.toByteArray());
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(4);
        body(code, bytes(startBody));
        body(code, bytes(I32_1024));
        body(code, bytes(I32_1024));
        body(code, bytes(handlerBody));
        section(m, 10, code.toByteArray());
        return m.toByteArray();
    }

    private static int[] join(int[] head, int... tail) {
        int[] all = new int[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static byte[] bytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void section(ByteArrayOutputStream m, int id, byte[] content) {
        m.write(id);
        m.write(content.length); // every section here is shorter than 128 bytes: one LEB128 byte
        m.writeBytes(content);
    }

    private static void export(ByteArrayOutputStream out, String name, int kind, int index) {
        out.write(name.length());
        out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        out.write(kind);
        out.write(index);
    }

    private static void body(ByteArrayOutputStream out, byte[] body) {
        out.write(body.length);
        out.writeBytes(body);
    }
}
