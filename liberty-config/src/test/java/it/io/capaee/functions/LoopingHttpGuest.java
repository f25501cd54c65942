// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.functions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Capsule-shaped HTTP module (memory, _start, malloc, allocateBuffer, callHandleHttp) whose handler is
 * {@code loop br 0 end}: no test guest loops over HTTP (hostcalls' {@code loop} is a CLI command), and no
 * guest source can be compiled at test time, so it is assembled here, as lib-api's StartTimeLimitTest does.
 */
final class LoopingHttpGuest {
    private LoopingHttpGuest() {
    }

    static byte[] module() {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        // () ; i32->i32 ; (i32,i32,i32,i32)->i64
        section(m, 1, bytes(3, 0x60, 0, 0, 0x60, 1, 0x7f, 1, 0x7f, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7e));
        section(m, 3, bytes(4, 0, 1, 1, 2));
        section(m, 5, bytes(1, 0, 2)); // one memory, 2 pages, no maximum
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        exports.write(5);
        export(exports, "memory", 2, 0);
        export(exports, "_start", 0, 0);
        export(exports, "malloc", 0, 1);
        export(exports, "allocateBuffer", 0, 2);
        export(exports, "callHandleHttp", 0, 3);
        section(m, 7, exports.toByteArray());
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(4);
        body(code, bytes(0, 0x0b)); // _start returns at once
        body(code, bytes(0, 0x41, 0x80, 0x08, 0x0b)); // i32.const 1024
        body(code, bytes(0, 0x41, 0x80, 0x08, 0x0b));
        body(code, bytes(0, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x42, 0x00, 0x0b)); // loop br 0 end; i64.const 0
        section(m, 10, code.toByteArray());
        return m.toByteArray();
    }

    private static byte[] bytes(int... values) {
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
