// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.List;

/**
 * What a struct and an interface share: the names and id they are created with, and their
 * annotations, which the resolver sets once with the rest of their body ({@code complete}).
 * A type, so its display name is its qualified name.
 */
abstract class TypeDeclaration {
    final String name;
    final String qualifiedName;
    final long id;
    List<AnnotationUse> annotations = List.of();

    TypeDeclaration(String name, String qualifiedName, long id) {
        this.name = name;
        this.qualifiedName = qualifiedName;
        this.id = id;
    }

    public String name() {
        return name;
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    public long id() {
        return id;
    }

    public List<AnnotationUse> annotations() {
        return annotations;
    }

    public String displayName() {
        return qualifiedName;
    }
}
