// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks that a stream is a WebAssembly binary module by walking its structure: the magic and
 * version, then every section header (id, LEB128 size) in the order the core specification
 * allows, skipping section contents. It is fed bytes as they pass ({@link #accept}, then
 * {@link #finish} at the end), so that a store can check an upload on its way to wherever it
 * goes, in one pass, whoever pulls the bytes (the file store reads them, jnats' object store
 * pulls them for its chunks). Memory use is a custom section's name at most, whatever the
 * module's size.
 *
 * <p>Why not Chicory: {@code Parser.parseWithoutDecoding(InputStream, ...)} (1.7.5) first reads
 * the whole stream into a {@code ByteBuffer} ({@code Parser.readByteBuffer}), so a 200 MB upload
 * would cost 200 MB of heap. This walker checks less than a full decode (function bodies are
 * not validated; the worker does that when it deploys a module), but enough to refuse anything
 * that is not a well-framed module: text, archives, truncated or padded files.
 */
public final class WasmStreamValidator {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
    private static final byte[] VERSION = {0x01, 0x00, 0x00, 0x00};
    /**
     * Position of each known section id in the order the specification requires (custom
     * sections, id 0, may appear anywhere): type 1, import 2, function 3, table 4, memory 5,
     * tag 13, global 6, export 7, start 8, element 9, data count 12, code 10, data 11.
     */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};
    /** Longest custom section name decoded (checked as UTF-8); a longer one is legal, and skipped. */
    private static final int MAX_NAME = 64 * 1024;

    private enum State { HEADER, ID, SECTION_SIZE, NAME_LENGTH, NAME, SKIP }

    private State state = State.HEADER;
    private long offset;
    private final byte[] header = new byte[8];
    private int id;
    private int lastRank;
    private long sectionStart;
    private long sectionSize;
    // the LEB128 being read
    private long lebStart;
    private long lebValue;
    private int lebShift;
    // the custom section's name
    private long nameBytesUsed;
    private long nameLength;
    private long nameStart;
    private byte[] name;
    private int nameFilled;
    // the contents being skipped
    private long skipStart;
    private long skipLength;
    private long skipLeft;
    private String skipping;

    /**
     * Reads {@code in} to its end.
     *
     * @throws RegistryException NOT_WASM naming what is wrong and at which offset
     * @throws IOException when reading fails (including {@link RegistryException}s that the
     *     stream itself throws, which pass through unchanged)
     */
    public static void validate(InputStream in) throws IOException {
        WasmStreamValidator validator = new WasmStreamValidator();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            validator.accept(buffer, 0, n);
        }
        validator.finish();
    }

    /** The next {@code len} bytes of the module. @throws RegistryException NOT_WASM */
    public void accept(byte[] bytes, int off, int len) {
        int at = off;
        int end = off + len;
        while (at < end) {
            if (state == State.SKIP || (state == State.NAME && name == null)) {
                int n = (int) Math.min(skipLeft, end - at);
                skipLeft -= n;
                offset += n;
                at += n;
                if (skipLeft == 0) {
                    skipped();
                }
            } else {
                one(bytes[at++] & 0xff);
            }
        }
    }

    /** The end of the module. @throws RegistryException NOT_WASM when it ends inside a header or a section */
    public void finish() {
        switch (state) {
            case HEADER -> throw offset < 4 || !Arrays.equals(Arrays.copyOf(header, 4), MAGIC)
                    ? notWasm(0, "no WebAssembly magic number (\\0asm)")
                    : notWasm(4, "unsupported WebAssembly binary version (expected 1)");
            case ID -> {
                // a module ends between sections
            }
            case SECTION_SIZE -> throw notWasm(lebStart, "unexpected end in section size");
            case NAME_LENGTH -> throw notWasm(lebStart, "unexpected end in custom section name length");
            case NAME -> throw name != null ? notWasm(nameStart, "unexpected end in a custom section name") : endOfSkip();
            case SKIP -> throw endOfSkip();
        }
    }

    private RegistryException endOfSkip() {
        return notWasm(skipStart, "unexpected end of " + skipping + " (" + skipLeft + " of " + skipLength + " bytes missing)");
    }

    private void one(int b) {
        long at = offset++;
        switch (state) {
            case HEADER -> {
                header[(int) at] = (byte) b;
                if (at == 3 && !Arrays.equals(Arrays.copyOf(header, 4), MAGIC)) {
                    throw notWasm(0, "no WebAssembly magic number (\\0asm)");
                }
                if (at == 7) {
                    if (!Arrays.equals(Arrays.copyOfRange(header, 4, 8), VERSION)) {
                        throw notWasm(4, "unsupported WebAssembly binary version (expected 1)");
                    }
                    state = State.ID;
                }
            }
            case ID -> {
                if (b >= ORDER.length) {
                    throw notWasm(at, "unknown section id " + b);
                }
                id = b;
                sectionStart = at;
                startLeb(at);
                state = State.SECTION_SIZE;
            }
            case SECTION_SIZE -> {
                if (leb(b, "section size")) {
                    sectionSize = lebValue;
                    if (id == 0) {
                        startLeb(offset);
                        state = State.NAME_LENGTH;
                    } else {
                        int rank = ORDER[id];
                        if (rank <= lastRank) {
                            throw notWasm(sectionStart, "section " + id + " is out of order or repeated");
                        }
                        lastRank = rank;
                        skip(sectionSize, "section " + id);
                    }
                }
            }
            case NAME_LENGTH -> {
                if (leb(b, "custom section name length")) {
                    nameLength = lebValue;
                    nameBytesUsed = offset - lebStart;
                    if (nameLength + nameBytesUsed > sectionSize) {
                        throw notWasm(sectionStart, "custom section name longer than the section");
                    }
                    nameStart = offset;
                    if (nameLength > MAX_NAME) {
                        name = null;
                        skip(nameLength, "custom section name");
                        state = State.NAME;
                    } else {
                        name = new byte[(int) nameLength];
                        nameFilled = 0;
                        state = State.NAME;
                        if (nameLength == 0) {
                            nameRead();
                        }
                    }
                }
            }
            case NAME -> {
                name[nameFilled++] = (byte) b;
                if (nameFilled == name.length) {
                    nameRead();
                }
            }
            case SKIP -> throw new IllegalStateException("skipped bytes are counted in accept");
        }
    }

    private void nameRead() {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            throw notWasm(nameStart, "custom section name is not UTF-8");
        }
        name = null;
        skip(sectionSize - nameBytesUsed - nameLength, "custom section");
    }

    /** After a skip: the skipped name of a custom section is followed by the rest of the section. */
    private void skipped() {
        if (state == State.NAME) {
            skip(sectionSize - nameBytesUsed - nameLength, "custom section");
        } else {
            state = State.ID;
        }
    }

    private void skip(long length, String what) {
        skipStart = offset;
        skipLength = length;
        skipLeft = length;
        skipping = what;
        state = State.SKIP;
        if (length == 0) {
            state = State.ID;
        }
    }

    private void startLeb(long at) {
        lebStart = at;
        lebValue = 0;
        lebShift = 0;
    }

    /** Takes one byte of an unsigned 32-bit LEB128; true when it was the last. */
    private boolean leb(int b, String what) {
        lebValue |= (long) (b & 0x7f) << lebShift;
        lebShift += 7;
        if ((b & 0x80) == 0) {
            if (lebValue > 0xFFFF_FFFFL) {
                throw notWasm(lebStart, what + " does not fit in 32 bits");
            }
            return true;
        }
        if (lebShift >= 35) {
            throw notWasm(lebStart, what + " is an over-long LEB128");
        }
        return false;
    }

    private static RegistryException notWasm(long offset, String message) {
        return new RegistryException(RegistryException.Reason.NOT_WASM, "not a WebAssembly module: " + message + " (at byte " + offset + ")");
    }
}
