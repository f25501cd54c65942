// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/** {@code enum}; enumerant values are their ordinals, in order. */
public record EnumSchema(String name, String qualifiedName, long id, List<String> enumerants,
        List<AnnotationUse> annotations) implements Declaration, Type {
    @Override
    public String displayName() {
        return qualifiedName;
    }

    /** The ordinal of an enumerant, or -1. */
    public int ordinalOf(String enumerant) {
        return enumerants.indexOf(enumerant);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumSchema e && e.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "enum " + qualifiedName;
    }
}
