// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A struct value read and written by field name or wire id, without generated code. Only set
 * fields are present (and encoded), in the order they were set, as cara keeps them; setting a
 * union member clears the other members of that union. Field ids the schema does not know (data
 * from a newer writer) are kept in {@link #unknownFields()} and written back. Not thread-safe.
 */
public final class DynamicStruct {
    private final StructSchema schema;
    private final Map<Integer, Object> values = new LinkedHashMap<>();
    private Map<Long, Object> unknown = Map.of();

    DynamicStruct(StructSchema schema) {
        this.schema = schema;
    }

    public StructSchema schema() {
        return schema;
    }

    /** Sets a field by name; a null value clears it. */
    public DynamicStruct set(String name, Object value) {
        return set(field(name), value);
    }

    /** Sets a field by wire id; a null value clears it. */
    public DynamicStruct set(int id, Object value) {
        return set(field(id), value);
    }

    private DynamicStruct set(Field f, Object value) {
        if (value == null) {
            values.remove(f.index());
            return this;
        }
        Object converted = Values.convert(f.type(), value, schema.qualifiedName() + "." + f.name());
        if (f.inUnion()) {
            for (Field other : schema.fields()) {
                if (other.inUnion() && other != f) {
                    values.remove(other.index());
                }
            }
        }
        values.put(f.index(), converted);
        return this;
    }

    /**
     * A field's value: the set value, else a copy of the explicit default, else null (cara's
     * reading of an unset field).
     */
    public Object get(String name) {
        return get(field(name));
    }

    public Object get(int id) {
        return get(field(id));
    }

    private Object get(Field f) {
        Object v = values.get(f.index());
        if (v != null) {
            return v;
        }
        Object d = f.defaultValue();
        return d instanceof DynamicStruct s ? s.copy() : d;
    }

    /** The value of a group, named union or struct field, created and stored when unset. */
    public DynamicStruct struct(String name) {
        Field f = field(name);
        if (!(f.type() instanceof StructSchema s)) {
            throw new ValueException(schema.qualifiedName() + "." + name + " is a " + f.type().displayName()
                    + ", not a struct or group");
        }
        Object v = values.get(f.index());
        if (v == null) {
            v = f.defaultValue() instanceof DynamicStruct d ? d.copy() : s.newValue();
            set(f, v);
        }
        return (DynamicStruct) v;
    }

    public boolean has(String name) {
        return values.containsKey(field(name).index());
    }

    public boolean has(int id) {
        return values.containsKey(id);
    }

    /** The member of this scope's unnamed union that is set, or null. */
    public String which() {
        for (Field f : schema.fields()) {
            if (f.inUnion() && values.containsKey(f.index())) {
                return f.name();
            }
        }
        return null;
    }

    /** The set fields, id to canonical value, in the order they were set. */
    public Map<Integer, Object> fields() {
        return Collections.unmodifiableMap(values);
    }

    /** Field ids unknown to this schema, with their msgpack values ({@code org.msgpack.value.Value}). */
    public Map<Long, Object> unknownFields() {
        return Collections.unmodifiableMap(unknown);
    }

    /** Keeps a field this schema does not know (the codec calls this while decoding). */
    public void putUnknown(long id, Object msgpackValue) {
        if (unknown.isEmpty()) {
            unknown = new LinkedHashMap<>();
        }
        unknown.put(id, msgpackValue);
    }

    /** Stores an already canonical value without conversion (the codec calls this while decoding). */
    public void putDecoded(int id, Object value) {
        values.put(id, value);
    }

    /** A deep copy. */
    public DynamicStruct copy() {
        DynamicStruct c = new DynamicStruct(schema);
        values.forEach((k, v) -> c.values.put(k, copyValue(v)));
        if (!unknown.isEmpty()) {
            c.unknown = new LinkedHashMap<>(unknown);
        }
        return c;
    }

    private static Object copyValue(Object v) {
        if (v instanceof DynamicStruct s) {
            return s.copy();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(DynamicStruct::copyValue).toList();
        }
        if (v instanceof byte[] b) {
            return b.clone();
        }
        return v;
    }

    private Field field(String name) {
        return schema.field(name).orElseThrow(
                () -> new ValueException(schema.qualifiedName() + " has no field '" + name + "'"));
    }

    private Field field(int id) {
        return schema.field(id).orElseThrow(
                () -> new ValueException(schema.qualifiedName() + " has no field with id " + id));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DynamicStruct other) || !other.schema.equals(schema)
                || !other.values.keySet().equals(values.keySet()) || !other.unknown.equals(unknown)) {
            return false;
        }
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            if (!deepEquals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static boolean deepEquals(Object a, Object b) {
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!deepEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.deepEquals(a, b);
    }

    @Override
    public int hashCode() {
        return schema.hashCode() * 31 + values.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema.name()).append('(');
        boolean first = true;
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            sb.append(first ? "" : ", ").append(schema.fields().get(e.getKey()).name()).append('=');
            Object v = e.getValue();
            sb.append(v instanceof byte[] b ? Arrays.toString(b) : v instanceof String s ? '"' + s + '"' : v);
            first = false;
        }
        unknown.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append('?').append(k)
                .append('=').append(v));
        return sb.append(')').toString();
    }
}
