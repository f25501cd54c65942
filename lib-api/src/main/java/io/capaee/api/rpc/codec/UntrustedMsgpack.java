// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

/**
 * Reading msgpack from untrusted bytes for {@link CaraCodec}: each takes the whole input
 * ({@code in}, which {@code u} reads from its start) and checks every length a header claims
 * against the bytes left before anything is allocated, since msgpack-core allocates
 * {@code Value[size]} and {@code byte[length]} from the header alone; nesting is bounded by
 * {@link CaraCodec#MAX_DEPTH}. Failures are {@link DecodeException}s naming the path.
 */
final class UntrustedMsgpack {
    private UntrustedMsgpack() {}

    /** A header's claim of {@code needed} bytes (at least one per element) beyond what is left is an error. */
    static void checkLength(MessageUnpacker u, byte[] in, long needed, String path, String what) {
        long left = in.length - u.getTotalReadBytes();
        if (needed > left) {
            throw new DecodeException(path + ": a " + what + " does not fit in the " + left + " bytes left");
        }
    }

    static byte[] readBytes(MessageUnpacker u, byte[] in, String path, int length) throws IOException {
        checkLength(u, in, length, path, length + "-byte payload");
        return u.readPayload(length);
    }

    /** UTF-8 with malformed input replaced, as msgpack-core's default unpackString decodes it. */
    static String readText(MessageUnpacker u, byte[] in, String path, int length) throws IOException {
        return new String(readBytes(u, in, path, length), StandardCharsets.UTF_8);
    }

    /**
     * Skips the next value element by element (which fails at the end of the input) and returns
     * where it started; the input then holds the whole value in [start, u.getTotalReadBytes()).
     */
    static int skip(MessageUnpacker u, byte[] in, String path, int depth) throws IOException {
        int start = (int) u.getTotalReadBytes();
        try {
            u.skipValue();
        } catch (MessageInsufficientBufferException e) {
            throw new DecodeException(path + ": the input ends inside the value (its headers claim more than the "
                    + (in.length - start) + " bytes left)", e);
        }
        checkValue(in, start, (int) u.getTotalReadBytes(), path, depth);
        return start;
    }

    /**
     * An untyped value (unknown field, AnyPointer): skipped first, then materialised from its own
     * byte range only, so what it allocates is bounded by the input, and written back as before.
     */
    static Value readValue(MessageUnpacker u, byte[] in, String path, int depth) throws IOException {
        int start = skip(u, in, path, depth);
        int end = (int) u.getTotalReadBytes();
        try (MessageUnpacker slice = MessagePack.newDefaultUnpacker(in, start, end - start)) {
            return slice.unpackValue();
        }
    }

    /**
     * Walks the headers of the one value in {@code in[start, end)} checking every length against
     * the bytes left in that range (skipValue counts elements in an int, so a map32 or ext32 length
     * near 2^31 can overflow it and end the skip early; unpackValue would then allocate from it),
     * and its nesting against {@link CaraCodec#MAX_DEPTH} ({@code depth} is the value's own level), since
     * unpackValue recurses once per level.
     */
    static void checkValue(byte[] in, int start, int end, String path, int depth) throws IOException {
        try (MessageUnpacker v = MessagePack.newDefaultUnpacker(in, start, end - start)) {
            long left = end - start;
            // pending[k]: values still to read in the container open at level k (0: the value itself)
            long[] pending = new long[CaraCodec.MAX_DEPTH + 1];
            int level = 0;
            pending[0] = 1;
            while (level >= 0) {
                if (pending[level] == 0) {
                    level--;
                    continue;
                }
                pending[level]--;
                MessageFormat f = v.getNextFormat();
                long length = switch (f.getValueType()) {
                    case ARRAY -> v.unpackArrayHeader();
                    case MAP -> 2L * v.unpackMapHeader();
                    case STRING -> v.unpackRawStringHeader();
                    case BINARY -> v.unpackBinaryHeader();
                    case EXTENSION -> {
                        ExtensionTypeHeader h = v.unpackExtensionTypeHeader();
                        yield h.getLength();
                    }
                    default -> {
                        v.skipValue();
                        yield 0;
                    }
                };
                if (length < 0 || length > left - v.getTotalReadBytes()) {
                    throw new DecodeException(path + ": a " + describe(f) + " of length " + length
                            + " does not fit in the " + (left - v.getTotalReadBytes()) + " bytes left");
                }
                switch (f.getValueType()) {
                    case ARRAY, MAP -> {
                        checkDepth(depth + level, path);
                        pending[++level] = length;
                    }
                    case STRING, BINARY, EXTENSION -> v.readPayloadAsReference((int) length);
                    default -> { }
                }
            }
            if (v.getTotalReadBytes() != left) {
                throw new DecodeException(path + ": malformed value");
            }
        }
    }

    static void checkDepth(int depth, String path) {
        if (depth > CaraCodec.MAX_DEPTH) {
            throw new DecodeException((path.length() > 200 ? path.substring(0, 200) + "..." : path)
                    + ": maps and arrays nested deeper than " + CaraCodec.MAX_DEPTH + " levels");
        }
    }

    static String describe(MessageFormat f) {
        return f.getValueType().name().toLowerCase() + " (" + f.name().toLowerCase() + ")";
    }
}
