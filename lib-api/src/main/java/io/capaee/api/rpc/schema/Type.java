// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

/** A resolved Cap'n Proto type: a built-in, a list, a declared struct/enum/interface, or a pass-through pointer. */
public sealed interface Type permits PrimitiveType, ListType, StructSchema, EnumSchema, InterfaceSchema,
        AnyPointerType, TypeParameter {
    /** The type as written in a schema, e.g. {@code List(Text)}. */
    String displayName();
}
