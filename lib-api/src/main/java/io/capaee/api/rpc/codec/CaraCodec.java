// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codec;

import static io.capaee.api.rpc.codec.UntrustedMsgpack.checkDepth;
import static io.capaee.api.rpc.codec.UntrustedMsgpack.checkLength;
import static io.capaee.api.rpc.codec.UntrustedMsgpack.describe;
import static io.capaee.api.rpc.codec.UntrustedMsgpack.readBytes;
import static io.capaee.api.rpc.codec.UntrustedMsgpack.readText;
import static io.capaee.api.rpc.codec.UntrustedMsgpack.readValue;
import static io.capaee.api.rpc.codec.UntrustedMsgpack.skip;

import io.capaee.api.rpc.schema.AnyPointerType;
import io.capaee.api.rpc.schema.DynamicEnum;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.EnumSchema;
import io.capaee.api.rpc.schema.Field;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.ListType;
import io.capaee.api.rpc.schema.PrimitiveType;
import io.capaee.api.rpc.schema.StructSchema;
import io.capaee.api.rpc.schema.Type;
import io.capaee.api.rpc.schema.TypeParameter;
import io.capaee.api.rpc.schema.VoidValue;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;

/**
 * cara's msgpack "field shrinking" (connect-and-cara B3): a struct is a map from field id to
 * value holding only the set fields; enums are ordinals, Text str, Data bin (also read from str,
 * as old writers wrote it), Float32 and Float64 float64, a union the one member present, a group
 * a nested map. Field ids unknown to the reader's schema are kept and written back (lenient, the
 * default) or refused ({@link #strict()}). Immutable and thread-safe.
 */
public final class CaraCodec {
    /**
     * The deepest nesting of maps and arrays (structs, groups, lists, kept unknown values) that
     * {@link #decode} accepts; deeper input is a {@link DecodeException}, so that crafted input
     * cannot exhaust the stack.
     */
    public static final int MAX_DEPTH = 64;

    private final boolean strict;
    private final CapabilityCodec capabilities;

    private CaraCodec(boolean strict, CapabilityCodec capabilities) {
        this.strict = strict;
        this.capabilities = capabilities;
    }

    /** Keeps unknown field ids and enumerants (data from a newer schema). */
    public static CaraCodec lenient() {
        return new CaraCodec(false, CapabilityCodec.NONE);
    }

    /** Refuses unknown field ids, unknown enumerants and several members of one union. */
    public static CaraCodec strict() {
        return new CaraCodec(true, CapabilityCodec.NONE);
    }

    public CaraCodec withCapabilities(CapabilityCodec codec) {
        return new CaraCodec(strict, codec);
    }

    public boolean isStrict() {
        return strict;
    }

    public byte[] encode(DynamicStruct value) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            writeStruct(p, value);
            p.flush();
            return p.toByteArray();
        } catch (IOException e) {
            throw new EncodeException("cannot encode " + value.schema().displayName() + ": " + e.getMessage(), e);
        }
    }

    public DynamicStruct decode(StructSchema schema, byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            DynamicStruct s = readStruct(u, bytes, schema, schema.name(), 1);
            if (u.hasNext()) {
                throw new DecodeException(schema.name() + ": " + (bytes.length - u.getTotalReadBytes())
                        + " bytes after the end of the struct");
            }
            return s;
        } catch (IOException | org.msgpack.core.MessagePackException e) {
            throw new DecodeException(schema.name() + ": not valid msgpack: " + e.getMessage(), e);
        }
    }

    public void writeStruct(MessagePacker p, DynamicStruct value) throws IOException {
        writeStruct(p, value, 1);
    }

    /** Nesting is limited as when reading ({@link #MAX_DEPTH}): what cannot be decoded is not encoded, nor overflows the stack. */
    private void writeStruct(MessagePacker p, DynamicStruct value, int depth) throws IOException {
        checkEncodeDepth(depth, value.schema().displayName());
        Map<Integer, Object> fields = value.fields();
        Map<Long, Object> unknown = value.unknownFields();
        p.packMapHeader(fields.size() + unknown.size());
        StructSchema schema = value.schema();
        for (Map.Entry<Integer, Object> e : fields.entrySet()) {
            p.packInt(e.getKey());
            write(p, schema.fields().get(e.getKey()).type(), e.getValue(), depth + 1);
        }
        for (Map.Entry<Long, Object> e : unknown.entrySet()) {
            p.packLong(e.getKey());
            p.packValue((Value) e.getValue());
        }
    }

    /** Writes a value in the canonical Java form of its type (see PrimitiveType). */
    public void write(MessagePacker p, Type type, Object value) throws IOException {
        write(p, type, value, 1);
    }

    private void write(MessagePacker p, Type type, Object value, int depth) throws IOException {
        if (value == null) {
            p.packNil();
        } else if (type instanceof PrimitiveType t) {
            writePrimitive(p, t, value);
        } else if (type instanceof StructSchema) {
            writeStruct(p, (DynamicStruct) value, depth);
        } else if (type instanceof EnumSchema) {
            p.packInt(((DynamicEnum) value).ordinal());
        } else if (type instanceof ListType l) {
            checkEncodeDepth(depth, "a list");
            List<?> items = (List<?>) value;
            p.packArrayHeader(items.size());
            for (Object item : items) {
                write(p, l.element(), item, depth + 1);
            }
        } else if (type instanceof InterfaceSchema i) {
            capabilities.write(p, i, value);
        } else {
            writeAny(p, value, depth);
        }
    }

    private void writePrimitive(MessagePacker p, PrimitiveType t, Object value) throws IOException {
        switch (t) {
            case VOID -> p.packNil();
            case BOOL -> p.packBoolean((Boolean) value);
            case TEXT -> p.packString((String) value);
            case DATA -> {
                byte[] b = (byte[]) value;
                p.packBinaryHeader(b.length);
                p.writePayload(b);
            }
            // cara hands floats to msgpack as Python floats, always float64; a Float32 is widened
            // through its shortest decimal form so that 0.1f is written as Python writes 0.1
            case FLOAT32 -> p.packDouble(Double.parseDouble(Float.toString(((Number) value).floatValue())));
            case FLOAT64 -> p.packDouble(((Number) value).doubleValue());
            case UINT64 -> {
                long v = ((Number) value).longValue();
                if (v < 0) {
                    p.packBigInteger(new BigInteger(Long.toUnsignedString(v)));
                } else {
                    p.packLong(v);
                }
            }
            default -> p.packLong(((Number) value).longValue());
        }
    }

    /** AnyPointer and unbound generics: written by the Java value's own shape. */
    private void writeAny(MessagePacker p, Object value, int depth) throws IOException {
        if (value instanceof Value v) {
            p.packValue(v);
        } else if (value instanceof DynamicStruct s) {
            writeStruct(p, s, depth);
        } else if (value instanceof String s) {
            p.packString(s);
        } else if (value instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (value instanceof Boolean b) {
            p.packBoolean(b);
        } else if (value instanceof Double || value instanceof Float) {
            p.packDouble(((Number) value).doubleValue());
        } else if (value instanceof BigInteger b) {
            p.packBigInteger(b);
        } else if (value instanceof Number n) {
            p.packLong(n.longValue());
        } else if (value instanceof DynamicEnum e) {
            p.packInt(e.ordinal());
        } else if (value instanceof VoidValue) {
            p.packNil();
        } else if (value instanceof List<?> l) {
            checkEncodeDepth(depth, "a list");
            p.packArrayHeader(l.size());
            for (Object item : l) {
                writeAny(p, item, depth + 1);
            }
        } else if (value instanceof Map<?, ?> m) {
            checkEncodeDepth(depth, "a map");
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                writeAny(p, e.getKey(), depth + 1);
                writeAny(p, e.getValue(), depth + 1);
            }
        } else {
            throw new EncodeException("cannot write a " + value.getClass().getName() + " as AnyPointer");
        }
    }

    // The readers below take the whole input ("in", which u reads from its start) so that every
    // length read from a header is checked against the bytes left (UntrustedMsgpack).

    private DynamicStruct readStruct(MessageUnpacker u, byte[] in, StructSchema schema, String path, int depth)
            throws IOException {
        checkDepth(depth, path);
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() != ValueType.MAP) {
            throw new DecodeException(path + ": expected a map for " + schema.displayName() + ", got " + describe(f));
        }
        int n = u.unpackMapHeader();
        checkLength(u, in, 2L * n, path, "map of " + n + " entries");
        DynamicStruct s = schema.newValue();
        String unionMember = null;
        for (int i = 0; i < n; i++) {
            long id = readKey(u, in, path);
            Field field = id >= 0 && id < schema.fields().size() ? schema.fields().get((int) id) : null;
            if (field == null) {
                if (strict) {
                    throw new DecodeException(path + ": unknown field id " + id + " in " + schema.displayName()
                            + " (strict mode; the writer's schema is newer)");
                }
                s.putUnknown(id, readValue(u, in, path + "." + id, depth + 1));
                continue;
            }
            String fieldPath = path + "." + field.name();
            if (u.getNextFormat() == MessageFormat.NIL && field.type() != PrimitiveType.VOID) {
                u.unpackNil();
                continue;
            }
            Object v = read(u, in, field.type(), fieldPath, depth + 1);
            if (field.inUnion()) {
                if (unionMember != null) {
                    if (strict) {
                        throw new DecodeException(path + ": union members '" + unionMember + "' and '" + field.name()
                                + "' are both set");
                    }
                    s.set(unionMember, null);
                }
                unionMember = field.name();
            }
            s.putDecoded(field.index(), v);
        }
        return s;
    }

    private long readKey(MessageUnpacker u, byte[] in, String path) throws IOException {
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() == ValueType.INTEGER) {
            return u.unpackLong();
        }
        if (f.getValueType() == ValueType.STRING) {
            // JSON round trips turn the ids into digit strings, which cara reads back
            String s = readText(u, in, path, u.unpackRawStringHeader());
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new DecodeException(path + ": field key '" + s + "' is not a field id");
            }
        }
        throw new DecodeException(path + ": expected an integer field id, got " + describe(f));
    }

    /** Reads a value of {@code type} into its canonical Java form. */
    private Object read(MessageUnpacker u, byte[] in, Type type, String path, int depth) throws IOException {
        if (type instanceof PrimitiveType t) {
            return readPrimitive(u, in, t, path);
        }
        if (type instanceof StructSchema s) {
            return readStruct(u, in, s, path, depth);
        }
        MessageFormat f = u.getNextFormat();
        if (type instanceof EnumSchema e) {
            if (f.getValueType() != ValueType.INTEGER) {
                throw new DecodeException(path + ": expected an enumerant ordinal of " + e.displayName() + ", got "
                        + describe(f));
            }
            long ordinal = u.unpackLong();
            if (ordinal < 0 || ordinal > 0xffff || strict && ordinal >= e.enumerants().size()) {
                throw new DecodeException(path + ": " + ordinal + " is not an enumerant of " + e.displayName());
            }
            return new DynamicEnum(e, (int) ordinal);
        }
        if (type instanceof ListType l) {
            if (f.getValueType() != ValueType.ARRAY) {
                throw new DecodeException(path + ": expected an array for " + l.displayName() + ", got " + describe(f));
            }
            checkDepth(depth, path);
            int n = u.unpackArrayHeader();
            checkLength(u, in, n, path, "list of " + n + " elements");
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(read(u, in, l.element(), path + "[" + i + "]", depth + 1));
            }
            return out;
        }
        if (type instanceof InterfaceSchema i) {
            // handed a checked slice of the input, so that the capability codec reads nothing unbounded
            int start = skip(u, in, path, depth);
            try (MessageUnpacker slice = MessagePack.newDefaultUnpacker(in, start, (int) u.getTotalReadBytes() - start)) {
                return capabilities.read(slice, i);
            }
        }
        if (type instanceof AnyPointerType || type instanceof TypeParameter) {
            return readValue(u, in, path, depth);
        }
        throw new DecodeException(path + ": cannot read type " + type.displayName());
    }

    private Object readPrimitive(MessageUnpacker u, byte[] in, PrimitiveType t, String path) throws IOException {
        MessageFormat f = u.getNextFormat();
        ValueType vt = f.getValueType();
        switch (t) {
            case VOID:
                u.skipValue();
                return VoidValue.VOID;
            case BOOL:
                if (vt == ValueType.BOOLEAN) {
                    return u.unpackBoolean();
                }
                break;
            case TEXT:
            case DATA:
                // either from str or bin: msgpack-python before use_bin_type wrote bytes in the raw (str) family
                if (vt == ValueType.STRING || vt == ValueType.BINARY) {
                    byte[] payload = readBytes(u, in, path, vt == ValueType.STRING ? u.unpackRawStringHeader() : u.unpackBinaryHeader());
                    return t == PrimitiveType.TEXT ? new String(payload, StandardCharsets.UTF_8) : payload;
                }
                break;
            case FLOAT32:
            case FLOAT64:
                if (vt == ValueType.FLOAT || vt == ValueType.INTEGER) {
                    double d = vt == ValueType.FLOAT ? u.unpackDouble() : (double) u.unpackLong();
                    return t == PrimitiveType.FLOAT32 ? (Object) (float) d : (Object) d;
                }
                break;
            default:
                if (vt == ValueType.INTEGER) {
                    return readInteger(u, t, path);
                }
                break;
        }
        throw new DecodeException(path + ": expected " + t.displayName() + ", got " + describe(f));
    }

    private Object readInteger(MessageUnpacker u, PrimitiveType t, String path) throws IOException {
        long l;
        if (u.getNextFormat() == MessageFormat.UINT64) {
            // only the uint64 form can exceed a long
            BigInteger v = u.unpackBigInteger();
            l = v.longValue();
            if (v.bitLength() > (t == PrimitiveType.UINT64 ? 64 : 63) || t != PrimitiveType.UINT64 && !inRange(t, l)) {
                throw new DecodeException(path + ": " + v + " is out of range for " + t.displayName());
            }
        } else {
            l = u.unpackLong();
            if (t == PrimitiveType.UINT64 ? l < 0 : !inRange(t, l)) {
                throw new DecodeException(path + ": " + l + " is out of range for " + t.displayName());
            }
        }
        return t.isLong() ? (Object) l : (Object) (int) l;
    }

    private static boolean inRange(PrimitiveType t, long v) {
        return switch (t) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xff;
            case UINT16 -> v >= 0 && v <= 0xffff;
            case UINT32 -> v >= 0 && v <= 0xffff_ffffL;
            default -> true;
        };
    }

    private static void checkEncodeDepth(int depth, String what) {
        if (depth > MAX_DEPTH) {
            throw new EncodeException(what + ": structs, lists and maps nested deeper than " + MAX_DEPTH + " levels");
        }
    }
}
