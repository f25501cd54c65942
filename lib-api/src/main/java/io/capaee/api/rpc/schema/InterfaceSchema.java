// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An interface: its own methods (ids from 0) and the interfaces it extends. */
public final class InterfaceSchema extends RecursiveDeclaration implements Type {
    private List<Method> methods = List.of();
    private List<InterfaceSchema> superclasses = List.of();

    InterfaceSchema(String name, String qualifiedName, long id) {
        super(name, qualifiedName, id);
    }

    void complete(List<Method> methods, List<InterfaceSchema> superclasses, List<AnnotationUse> annotations) {
        this.methods = List.copyOf(methods);
        this.superclasses = List.copyOf(superclasses);
        completeAnnotations(annotations);
    }

    /** The methods this interface declares itself, in id order. */
    public List<Method> methods() {
        return methods;
    }

    public List<InterfaceSchema> superclasses() {
        return superclasses;
    }

    @Override
    public String displayName() {
        return qualifiedName();
    }

    /** This interface and every interface it extends, transitively, this one first. */
    public List<InterfaceSchema> withAncestors() {
        Set<InterfaceSchema> out = new LinkedHashSet<>();
        collect(this, out);
        return new ArrayList<>(out);
    }

    private static void collect(InterfaceSchema i, Set<InterfaceSchema> out) {
        if (out.add(i)) {
            for (InterfaceSchema s : i.superclasses) {
                collect(s, out);
            }
        }
    }

    /** A method by name, this interface's first, then its ancestors' (a subclass wins on a clash). */
    public Optional<MethodRef> method(String methodName) {
        for (InterfaceSchema i : withAncestors()) {
            for (Method m : i.methods) {
                if (m.name().equals(methodName)) {
                    return Optional.of(new MethodRef(i, m));
                }
            }
        }
        return Optional.empty();
    }

    /** A method by (declaring interface id, method id), as capability calls address it. */
    public Optional<MethodRef> method(long interfaceId, int methodId) {
        for (InterfaceSchema i : withAncestors()) {
            if (i.id() == interfaceId && methodId >= 0 && methodId < i.methods.size()) {
                return Optional.of(new MethodRef(i, i.methods.get(methodId)));
            }
        }
        return Optional.empty();
    }

    /** A method together with the interface that declares it. */
    public record MethodRef(InterfaceSchema declaringInterface, Method method) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceSchema s && s.id() == id();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id());
    }

    @Override
    public String toString() {
        return "interface " + qualifiedName();
    }
}
