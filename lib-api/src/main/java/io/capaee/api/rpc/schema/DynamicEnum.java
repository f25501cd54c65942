// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/** An enum value read or written without generated code; an ordinal the schema does not know is kept. */
public record DynamicEnum(EnumSchema schema, int ordinal) {
    /** The enumerant's name, or null when a newer schema wrote an ordinal this one does not know. */
    public String name() {
        return ordinal < schema.enumerants().size() ? schema.enumerants().get(ordinal) : null;
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : "#" + ordinal;
    }
}
