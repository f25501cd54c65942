// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/**
 * A declaration that may refer to itself or to declarations that refer back to it (a struct with a
 * field of its own type, an interface whose method returns it): so it is no record, but created
 * first, with its identity, and completed by the resolver once everything it refers to exists;
 * read-only after.
 */
public abstract sealed class RecursiveDeclaration implements Declaration permits StructSchema, InterfaceSchema {
    private final String name;
    private final String qualifiedName;
    private final long id;
    private List<AnnotationUse> annotations = List.of();

    RecursiveDeclaration(String name, String qualifiedName, long id) {
        this.name = name;
        this.qualifiedName = qualifiedName;
        this.id = id;
    }

    /** Part of the resolver's completion. */
    final void completeAnnotations(List<AnnotationUse> annotations) {
        this.annotations = List.copyOf(annotations);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String qualifiedName() {
        return qualifiedName;
    }

    @Override
    public final long id() {
        return id;
    }

    @Override
    public final List<AnnotationUse> annotations() {
        return annotations;
    }
}
