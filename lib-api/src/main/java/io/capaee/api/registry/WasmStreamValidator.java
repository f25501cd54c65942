// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a stream is a WebAssembly binary module by walking its structure: the magic and
 * version, then every section header (id, LEB128 size) in the order the core specification
 * allows, skipping section contents by reading through them. Memory use is one small buffer,
 * whatever the module's size.
 *
 * <p>Why not Chicory: {@code Parser.parseWithoutDecoding(InputStream, ...)} (1.7.5) first reads
 * the whole stream into a {@code ByteBuffer} ({@code Parser.readByteBuffer}), so a 200 MB upload
 * would cost 200 MB of heap. This walker checks less than a full decode (function bodies are
 * not validated; the worker does that when it deploys a module), but enough to refuse anything
 * that is not a well-framed module: text, archives, truncated or padded files.
 */
final class WasmStreamValidator {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    private static final byte[] VERSION = {0x01, 0x00, 0x00, 0x00};
    /**
     * Position of each known section id in the order the specification requires (custom
     * sections, id 0, may appear anywhere): type 1, import 2, function 3, table 4, memory 5,
     * tag 13, global 6, export 7, start 8, element 9, data count 12, code 10, data 11.
     */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

    private WasmStreamValidator() {}

    /**
     * Reads {@code in} to its end.
     *
     * @throws RegistryException NOT_WASM naming what is wrong and at which offset
     * @throws IOException when reading fails (including {@link RegistryException}s that the
     *     stream itself throws, which pass through unchanged)
     */
    static void validate(InputStream in) throws IOException {
        Reader reader = new Reader(in);
        byte[] head = new byte[4];
        if (!reader.readFully(head, "magic") || !java.util.Arrays.equals(head, MAGIC)) {
            throw notWasm(0, "no WebAssembly magic number (\\0asm)");
        }
        if (!reader.readFully(head, "version") || !java.util.Arrays.equals(head, VERSION)) {
            throw notWasm(4, "unsupported WebAssembly binary version (expected 1)");
        }
        int lastRank = 0;
        while (true) {
            long sectionStart = reader.offset;
            int id = in.read();
            if (id < 0) {
                return;
            }
            reader.offset++;
            if (id >= ORDER.length) {
                throw notWasm(sectionStart, "unknown section id " + id);
            }
            long size = reader.leb128u32("section size");
            if (id == 0) {
                long before = reader.offset;
                long nameLength = reader.leb128u32("custom section name length");
                long used = reader.offset - before;
                if (nameLength + used > size) {
                    throw notWasm(sectionStart, "custom section name longer than the section");
                }
                reader.checkName(nameLength);
                reader.skip(size - used - nameLength, "custom section");
                continue;
            }
            int rank = ORDER[id];
            if (rank <= lastRank) {
                throw notWasm(sectionStart, "section " + id + " is out of order or repeated");
            }
            lastRank = rank;
            reader.skip(size, "section " + id);
        }
    }

    private static RegistryException notWasm(long offset, String message) {
        return new RegistryException(RegistryException.Reason.NOT_WASM, "not a WebAssembly module: " + message + " (at byte " + offset + ")");
    }

    /** Counts the offset for error messages; reads through contents with one scratch buffer. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] scratch = new byte[64 * 1024];
        long offset;

        Reader(InputStream in) {
            this.in = in;
        }

        boolean readFully(byte[] into, String what) throws IOException {
            int n = in.readNBytes(into, 0, into.length);
            offset += n;
            return n == into.length;
        }

        long leb128u32(String what) throws IOException {
            long start = offset;
            long result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw notWasm(start, "unexpected end in " + what);
                }
                offset++;
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (result > 0xFFFF_FFFFL) {
                        throw notWasm(start, what + " does not fit in 32 bits");
                    }
                    return result;
                }
            }
            throw notWasm(start, what + " is an over-long LEB128");
        }

        void checkName(long length) throws IOException {
            byte[] name = new byte[(int) Math.min(length, scratch.length)];
            if (length > scratch.length) {
                // names are short in practice; a huge one is legal, just not decoded here
                skip(length, "custom section name");
                return;
            }
            long start = offset;
            if (!readFully(name, "name")) {
                throw notWasm(start, "unexpected end in a custom section name");
            }
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name));
            } catch (CharacterCodingException e) {
                throw notWasm(start, "custom section name is not UTF-8");
            }
        }

        void skip(long length, String what) throws IOException {
            long start = offset;
            long left = length;
            while (left > 0) {
                int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (n < 0) {
                    throw notWasm(start, "unexpected end of " + what + " (" + left + " of " + length + " bytes missing)");
                }
                left -= n;
                offset += n;
            }
        }
    }
}
