// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import io.capaee.api.rpc.schema.DynamicStruct;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The field ids of a decoded struct that the generated record's schema does not know (a newer
 * writer added them), with their msgpack values in the order read. Every generated record holds
 * one as its last component, so that an older reader writes them back unchanged, as dynamic
 * values do; records built in Java hold {@link #NONE}. A strict codec refuses such input instead.
 */
public record UnknownFields(Map<Long, Object> values) {
    public static final UnknownFields NONE = new UnknownFields(Map.of());

    public UnknownFields {
        values = values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The unknown fields of a decoded dynamic value. */
    public static UnknownFields of(DynamicStruct d) {
        return d.unknownFields().isEmpty() ? NONE : new UnknownFields(d.unknownFields());
    }

    /** Puts them back into a dynamic value about to be encoded. */
    public void writeTo(DynamicStruct d) {
        values.forEach(d::putUnknown);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.isEmpty() ? "{}" : values.toString();
    }
}
