// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Converts Java values to the canonical form of a schema type (see {@link PrimitiveType}), checking ranges. */
public final class Values {
    private Values() {}

    /**
     * The canonical Java value of {@code value} for {@code type}; {@code where} names the field
     * for error messages.
     */
    public static Object convert(Type type, Object value, String where) {
        if (value == null) {
            return null;
        }
        if (type instanceof PrimitiveType p) {
            return primitive(p, value, where);
        }
        if (type instanceof ListType l) {
            Collection<?> items;
            if (value instanceof Collection<?> c) {
                items = c;
            } else if (value instanceof Object[] a) {
                items = List.of(a);
            } else {
                throw wrong(type, value, where);
            }
            List<Object> out = new ArrayList<>(items.size());
            int i = 0;
            for (Object item : items) {
                out.add(convert(l.element(), item, where + "[" + i++ + "]"));
            }
            return out;
        }
        if (type instanceof StructSchema s) {
            if (value instanceof DynamicStruct d) {
                if (!d.schema().qualifiedName().equals(s.qualifiedName()) && d.schema().id() != s.id()) {
                    throw new ValueException(where + ": expected " + s.displayName() + ", got " + d.schema().displayName());
                }
                return d;
            }
            if (value instanceof Map<?, ?> m) {
                DynamicStruct d = s.newValue();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getKey() instanceof Number n) {
                        d.set(n.intValue(), e.getValue());
                    } else {
                        d.set(String.valueOf(e.getKey()), e.getValue());
                    }
                }
                return d;
            }
            throw wrong(type, value, where);
        }
        if (type instanceof EnumSchema e) {
            if (value instanceof DynamicEnum d) {
                return new DynamicEnum(e, d.ordinal());
            }
            if (value instanceof Enum<?> j) {
                return enumerant(e, j.name(), where);
            }
            if (value instanceof String name) {
                return enumerant(e, name, where);
            }
            if (value instanceof Number n && n.longValue() >= 0 && n.longValue() <= 0xffff) {
                return new DynamicEnum(e, n.intValue());
            }
            throw wrong(type, value, where);
        }
        return value;
    }

    private static DynamicEnum enumerant(EnumSchema e, String name, String where) {
        int ordinal = e.ordinalOf(name);
        if (ordinal < 0) {
            throw new ValueException(where + ": " + e.displayName() + " has no enumerant '" + name + "'");
        }
        return new DynamicEnum(e, ordinal);
    }

    private static Object primitive(PrimitiveType p, Object value, String where) {
        switch (p) {
            case VOID:
                return VoidValue.VOID;
            case BOOL:
                if (value instanceof Boolean) {
                    return value;
                }
                throw wrong(p, value, where);
            case TEXT:
                if (value instanceof String) {
                    return value;
                }
                if (value instanceof byte[] b) {
                    return new String(b, StandardCharsets.UTF_8);
                }
                throw wrong(p, value, where);
            case DATA:
                if (value instanceof byte[]) {
                    return value;
                }
                throw wrong(p, value, where);
            case FLOAT32:
                if (value instanceof Number n) {
                    return n.floatValue();
                }
                throw wrong(p, value, where);
            case FLOAT64:
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                throw wrong(p, value, where);
            default:
                return integer(p, value, where);
        }
    }

    private static Object integer(PrimitiveType p, Object value, String where) {
        if (value instanceof BigInteger b) {
            if (p == PrimitiveType.UINT64 && b.signum() >= 0 && b.bitLength() <= 64) {
                return b.longValue();
            }
            if (b.bitLength() > 63) {
                throw new ValueException(where + ": " + b + " is out of range for " + p.displayName());
            }
            value = b.longValue();
        }
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            throw wrong(p, value, where);
        }
        long v = ((Number) value).longValue();
        if (p != PrimitiveType.UINT64 && p != PrimitiveType.INT64 && (v < p.min() || v > p.max())) {
            throw new ValueException(where + ": " + v + " is out of range for " + p.displayName());
        }
        if (p == PrimitiveType.UINT64 && v < 0 && !(value instanceof Long)) {
            throw new ValueException(where + ": " + v + " is out of range for UInt64");
        }
        return p.isLong() ? (Object) v : (Object) (int) v;
    }

    private static ValueException wrong(Type type, Object value, String where) {
        return new ValueException(where + ": expected " + type.displayName() + ", got "
                + value.getClass().getSimpleName() + " " + abbreviate(value));
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
