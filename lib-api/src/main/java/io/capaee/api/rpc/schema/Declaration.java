// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/** A named declaration of a schema file. */
public sealed interface Declaration permits RecursiveDeclaration, EnumSchema, ConstSchema,
        AnnotationSchema {
    /** The simple name, e.g. {@code Inner}. */
    String name();

    /** The name inside its file, e.g. {@code Outer.Inner}. */
    String qualifiedName();

    /** The 64-bit Cap'n Proto type id (explicit {@code @0x...} or derived as capnp derives it). */
    long id();

    List<AnnotationUse> annotations();
}
