// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.couchbase;

import com.couchbase.client.java.json.JsonArray;
import com.couchbase.client.java.json.JsonObject;
import io.capaee.api.json.JsonStrings;
import io.capaee.api.query.QueryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes query rows as one compact JSON array with object keys sorted (by UTF-16 order), so that
 * equal results give equal strings. Rows are what a JSON decoder gives: maps, lists, strings,
 * numbers, booleans and null, or Couchbase's {@link JsonObject}/{@link JsonArray}. Stateless.
 */
public final class RowsJson {
    private RowsJson() {}

    /** {@code []} for no rows, never null. */
    public static String toJson(Collection<?> rows) {
        StringBuilder out = new StringBuilder();
        writeArray(rows == null ? java.util.List.of() : rows, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            JsonStrings.write(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            writeNumber(n, out);
        } else if (value instanceof JsonObject o) {
            writeObject(o.toMap(), out);
        } else if (value instanceof JsonArray a) {
            writeArray(a.toList(), out);
        } else if (value instanceof Map<?, ?> m) {
            writeObject(m, out);
        } else if (value instanceof Collection<?> c) {
            writeArray(c, out);
        } else {
            throw new QueryException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeArray(Collection<?> items, StringBuilder out) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(item, out);
        }
        out.append(']');
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sorted.put(String.valueOf(e.getKey()), e.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonStrings.write(e.getKey(), out);
            out.append(':');
            write(e.getValue(), out);
        }
        out.append('}');
    }

    private static void writeNumber(Number n, StringBuilder out) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new QueryException("cannot write " + d + " as JSON");
            }
            out.append(d);
        } else if (n instanceof BigDecimal bd) {
            out.append(bd.toString());
        } else if (n instanceof BigInteger || n instanceof Long || n instanceof Integer
                || n instanceof Short || n instanceof Byte) {
            out.append(n.toString());
        } else {
            out.append(new BigDecimal(n.toString()));
        }
    }
}
