// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/**
 * What a struct and an interface have alike: a name and an id fixed when the resolver declares
 * them, and annotations it fills in once it has resolved their bodies.
 */
abstract sealed class NamedScope permits StructSchema, InterfaceSchema {
    final String name;
    final String qualifiedName;
    final long id;
    List<AnnotationUse> annotations = List.of();

    NamedScope(String name, String qualifiedName, long id) {
        this.name = name;
        this.qualifiedName = qualifiedName;
        this.id = id;
    }

    /** The simple name, e.g. {@code Inner}. */
    public String name() {
        return name;
    }

    /** The name inside its file, e.g. {@code Outer.Inner}. */
    public String qualifiedName() {
        return qualifiedName;
    }

    /** The 64-bit Cap'n Proto type id. */
    public long id() {
        return id;
    }

    public List<AnnotationUse> annotations() {
        return annotations;
    }

    /** A declared type is written as its qualified name. */
    public String displayName() {
        return qualifiedName;
    }
}
