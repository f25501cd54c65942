// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import io.capaee.api.rpc.RpcChannel;
import io.capaee.api.rpc.RpcHandler;
import io.capaee.api.rpc.schema.DynamicEnum;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.ValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Conversions the generated records and interfaces call; not meant for hand-written code. */
public final class Conversions {
    private Conversions() {}

    public static <T> List<Object> listTo(List<T> list, Function<T, Object> convert) {
        if (list == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(list.size());
        for (T item : list) {
            out.add(convert.apply(item));
        }
        return out;
    }

    public static <T> List<T> listFrom(Object value, Function<Object, T> convert) {
        if (value == null) {
            return null;
        }
        List<?> list = (List<?>) value;
        List<T> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(convert.apply(item));
        }
        return List.copyOf(out);
    }

    public static <T> T struct(Object value, Function<DynamicStruct, T> convert) {
        return value == null ? null : convert.apply((DynamicStruct) value);
    }

    public static DynamicStruct toDynamic(CapnpRecord record) {
        return record == null ? null : record.toDynamic();
    }

    /**
     * The Java constant of an enum value; an ordinal the generated enum does not know (from a
     * newer writer) is refused rather than silently dropped: read such data with dynamic values.
     */
    public static <E extends Enum<E>> E enumOf(Class<E> type, Object value) {
        if (value == null) {
            return null;
        }
        int ordinal = ((DynamicEnum) value).ordinal();
        E[] constants = type.getEnumConstants();
        if (ordinal >= constants.length) {
            throw new ValueException(type.getSimpleName() + " has no enumerant with ordinal " + ordinal
                    + " (written by a newer schema)");
        }
        return constants[ordinal];
    }

    /** AnyPointer and generic fields: records become dynamic structs, anything else passes. */
    public static Object anyToDynamic(Object value) {
        if (value instanceof CapnpRecord r) {
            return r.toDynamic();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(Conversions::anyToDynamic).toList();
        }
        return value;
    }

    /** A capability received in a call (a channel to its owner) or passed locally (a handler). */
    public static <T> T capability(Object value, Function<RpcChannel, T> client) {
        if (value == null) {
            return null;
        }
        if (value instanceof RpcChannel c) {
            return client.apply(c);
        }
        if (value instanceof RpcHandler h) {
            return client.apply(RpcChannel.local(h));
        }
        throw new ValueException("not a capability: " + value.getClass().getName());
    }

    /** Checks that at most one member of a union is set in a record. */
    public static void checkUnion(String struct, Object... members) {
        int set = 0;
        for (Object m : members) {
            set += m == null ? 0 : 1;
        }
        if (set > 1) {
            throw new ValueException(struct + ": at most one member of its union may be set, " + set + " are");
        }
    }
}
