// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A guest with one more function, never called, too large for one JVM method: Chicory's compiler
 * leaves it to the interpreter. Written by hand because no test guest has such a function and
 * clang is not on every machine that runs the tests.
 */
final class LargeFunctionModule {
    private static final int TYPE = 1;
    private static final int FUNCTION = 3;
    private static final int CODE = 10;
    /** {@code i32.const 123456; i32.add} this many times: about 160 KB of JVM bytecode, over the 64 KB a method may have. */
    private static final int ADDITIONS = 40_000;

    private LargeFunctionModule() {}

    /** {@code guest} with a function {@code () -> i32} added: a new type, its entry and its body. */
    static byte[] from(byte[] guest) {
        ByteBuffer in = ByteBuffer.wrap(guest);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(guest, 0, 8); // magic and version
        in.position(8);
        int newType = -1;
        while (in.hasRemaining()) {
            int id = in.get() & 0xff;
            int size = (int) leb(in);
            byte[] payload = new byte[size];
            in.get(payload);
            ByteBuffer section = ByteBuffer.wrap(payload);
            if (id == TYPE) {
                newType = (int) leb(section);
                payload = appended(payload, section, new byte[] {0x60, 0x00, 0x01, 0x7f});
            } else if (id == FUNCTION) {
                leb(section);
                payload = appended(payload, section, leb(newType));
            } else if (id == CODE) {
                leb(section);
                payload = appended(payload, section, body());
            }
            out.write(id);
            out.writeBytes(leb(payload.length));
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** The section with its count (just read from {@code section}) one higher and {@code entry} at its end. */
    private static byte[] appended(byte[] payload, ByteBuffer section, byte[] entry) {
        int countEnd = section.position();
        long count = leb(ByteBuffer.wrap(payload));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(leb(count + 1));
        out.write(payload, countEnd, payload.length - countEnd);
        out.writeBytes(entry);
        return out.toByteArray();
    }

    private static byte[] body() {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0x00); // no locals
        code.write(0x41); // i32.const 0
        code.write(0x00);
        for (int i = 0; i < ADDITIONS; i++) {
            code.write(0x41); // i32.const 123456
            code.writeBytes(leb(123456));
            code.write(0x6a); // i32.add
        }
        code.write(0x0b); // end
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        entry.writeBytes(leb(code.size()));
        entry.writeBytes(code.toByteArray());
        return entry.toByteArray();
    }

    private static long leb(ByteBuffer in) {
        long value = 0;
        for (int shift = 0;; shift += 7) {
            int b = in.get() & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
    }

    /** Unsigned LEB128; 123456 has its top bit clear, so the signed form of {@code i32.const} is the same bytes. */
    private static byte[] leb(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value == 0 ? b : b | 0x80);
        } while (value != 0);
        return out.toByteArray();
    }
}
