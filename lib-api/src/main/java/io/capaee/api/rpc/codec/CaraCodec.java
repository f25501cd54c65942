// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codec;

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
            DynamicStruct s = readStruct(u, schema, schema.name());
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
        Map<Integer, Object> fields = value.fields();
        Map<Long, Object> unknown = value.unknownFields();
        p.packMapHeader(fields.size() + unknown.size());
        StructSchema schema = value.schema();
        for (Map.Entry<Integer, Object> e : fields.entrySet()) {
            p.packInt(e.getKey());
            write(p, schema.fields().get(e.getKey()).type(), e.getValue());
        }
        for (Map.Entry<Long, Object> e : unknown.entrySet()) {
            p.packLong(e.getKey());
            p.packValue((Value) e.getValue());
        }
    }

    /** Writes a value in the canonical Java form of its type (see PrimitiveType). */
    public void write(MessagePacker p, Type type, Object value) throws IOException {
        if (value == null) {
            p.packNil();
        } else if (type instanceof PrimitiveType t) {
            writePrimitive(p, t, value);
        } else if (type instanceof StructSchema) {
            writeStruct(p, (DynamicStruct) value);
        } else if (type instanceof EnumSchema) {
            p.packInt(((DynamicEnum) value).ordinal());
        } else if (type instanceof ListType l) {
            List<?> items = (List<?>) value;
            p.packArrayHeader(items.size());
            for (Object item : items) {
                write(p, l.element(), item);
            }
        } else if (type instanceof InterfaceSchema i) {
            capabilities.write(p, i, value);
        } else {
            writeAny(p, value);
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
    private void writeAny(MessagePacker p, Object value) throws IOException {
        if (value instanceof Value v) {
            p.packValue(v);
        } else if (value instanceof DynamicStruct s) {
            writeStruct(p, s);
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
            p.packArrayHeader(l.size());
            for (Object item : l) {
                writeAny(p, item);
            }
        } else if (value instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                writeAny(p, e.getKey());
                writeAny(p, e.getValue());
            }
        } else {
            throw new EncodeException("cannot write a " + value.getClass().getName() + " as AnyPointer");
        }
    }

    public DynamicStruct readStruct(MessageUnpacker u, StructSchema schema, String path) throws IOException {
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() != ValueType.MAP) {
            throw new DecodeException(path + ": expected a map for " + schema.displayName() + ", got " + describe(f));
        }
        int n = u.unpackMapHeader();
        DynamicStruct s = schema.newValue();
        String unionMember = null;
        for (int i = 0; i < n; i++) {
            long id = readKey(u, path);
            Field field = id >= 0 && id < schema.fields().size() ? schema.fields().get((int) id) : null;
            if (field == null) {
                if (strict) {
                    throw new DecodeException(path + ": unknown field id " + id + " in " + schema.displayName()
                            + " (strict mode; the writer's schema is newer)");
                }
                s.putUnknown(id, u.unpackValue());
                continue;
            }
            String fieldPath = path + "." + field.name();
            if (u.getNextFormat() == MessageFormat.NIL && field.type() != PrimitiveType.VOID) {
                u.unpackNil();
                continue;
            }
            Object v = read(u, field.type(), fieldPath);
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

    private long readKey(MessageUnpacker u, String path) throws IOException {
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() == ValueType.INTEGER) {
            return u.unpackLong();
        }
        if (f.getValueType() == ValueType.STRING) {
            // JSON round trips turn the ids into digit strings, which cara reads back
            String s = u.unpackString();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new DecodeException(path + ": field key '" + s + "' is not a field id");
            }
        }
        throw new DecodeException(path + ": expected an integer field id, got " + describe(f));
    }

    /** Reads a value of {@code type} into its canonical Java form. */
    public Object read(MessageUnpacker u, Type type, String path) throws IOException {
        if (type instanceof PrimitiveType t) {
            return readPrimitive(u, t, path);
        }
        if (type instanceof StructSchema s) {
            return readStruct(u, s, path);
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
            int n = u.unpackArrayHeader();
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(read(u, l.element(), path + "[" + i + "]"));
            }
            return out;
        }
        if (type instanceof InterfaceSchema i) {
            return capabilities.read(u, i);
        }
        if (type instanceof AnyPointerType || type instanceof TypeParameter) {
            return u.unpackValue();
        }
        throw new DecodeException(path + ": cannot read type " + type.displayName());
    }

    private Object readPrimitive(MessageUnpacker u, PrimitiveType t, String path) throws IOException {
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
                if (vt == ValueType.STRING) {
                    return u.unpackString();
                }
                if (vt == ValueType.BINARY) {
                    return new String(u.readPayload(u.unpackBinaryHeader()), StandardCharsets.UTF_8);
                }
                break;
            case DATA:
                if (vt == ValueType.BINARY) {
                    return u.readPayload(u.unpackBinaryHeader());
                }
                if (vt == ValueType.STRING) {
                    // msgpack-python before use_bin_type wrote bytes in the raw (str) family
                    return u.readPayload(u.unpackRawStringHeader());
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

    private static String describe(MessageFormat f) {
        return f.getValueType().name().toLowerCase() + " (" + f.name().toLowerCase() + ")";
    }
}
