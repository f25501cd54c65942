// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A struct, a group or named union (a struct nested in its parent's id space), or the implicit
 * parameter/result struct of a method. Filled in once by the schema resolver, read-only after.
 */
public final class StructSchema extends RecursiveDeclaration implements Type {
    private final Kind kind;
    private final List<String> typeParameters;
    private List<Field> fields = List.of();
    private Map<String, Field> byName = Map.of();

    /** What the struct is in the schema. */
    public enum Kind { STRUCT, GROUP, PARAMS }

    StructSchema(String name, String qualifiedName, long id, Kind kind, List<String> typeParameters) {
        super(name, qualifiedName, id);
        this.kind = kind;
        this.typeParameters = List.copyOf(typeParameters);
    }

    void complete(List<Field> fields, List<AnnotationUse> annotations) {
        this.fields = List.copyOf(fields);
        Map<String, Field> names = new LinkedHashMap<>();
        for (Field f : fields) {
            names.put(f.name(), f);
        }
        this.byName = Collections.unmodifiableMap(names);
        completeAnnotations(annotations);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isGroup() {
        return kind == Kind.GROUP;
    }

    public List<String> typeParameters() {
        return typeParameters;
    }

    /** Fields in wire-id order: {@code fields().get(i).index() == i}. */
    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(byName.get(fieldName));
    }

    public Optional<Field> field(int index) {
        return index >= 0 && index < fields.size() ? Optional.of(fields.get(index)) : Optional.empty();
    }

    /** Whether this scope holds an unnamed union. */
    public boolean hasUnion() {
        return fields.stream().anyMatch(Field::inUnion);
    }

    @Override
    public String displayName() {
        return qualifiedName();
    }

    /** A new, empty dynamic value of this struct. */
    public DynamicStruct newValue() {
        return new DynamicStruct(this);
    }

    /**
     * This generic struct with its parameters replaced by {@code arguments} (a parameterized type
     * encodes exactly like the manually substituted one); missing arguments stay AnyPointer.
     */
    public StructSchema bind(List<Type> arguments) {
        if (typeParameters.isEmpty() || arguments.isEmpty()) {
            return this;
        }
        Map<String, Type> binding = new LinkedHashMap<>();
        for (int i = 0; i < typeParameters.size() && i < arguments.size(); i++) {
            binding.put(typeParameters.get(i), arguments.get(i));
        }
        StringBuilder shown = new StringBuilder(qualifiedName()).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            shown.append(i == 0 ? "" : ", ").append(arguments.get(i).displayName());
        }
        StructSchema bound = new StructSchema(name(), shown.append(')').toString(), id(), kind, List.of());
        bound.complete(substituteAll(fields, binding), annotations());
        return bound;
    }

    static List<Field> substituteAll(List<Field> fields, Map<String, Type> binding) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(new Field(f.name(), f.index(), f.ordinal(), substitute(f.type(), binding), f.group(), f.inUnion(),
                    f.defaultValue(), f.annotations()));
        }
        return out;
    }

    static Type substitute(Type type, Map<String, Type> binding) {
        if (type instanceof TypeParameter p) {
            return binding.getOrDefault(p.name(), p);
        }
        if (type instanceof ListType l) {
            return new ListType(substitute(l.element(), binding));
        }
        if (type instanceof StructSchema s && s.isGroup()) {
            StructSchema g = new StructSchema(s.name(), s.qualifiedName(), s.id(), s.kind, List.of());
            g.complete(substituteAll(s.fields, binding), s.annotations());
            return g;
        }
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructSchema s && s.id() == id() && s.qualifiedName().equals(qualifiedName());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id()) * 31 + qualifiedName().hashCode();
    }

    @Override
    public String toString() {
        return "struct " + qualifiedName();
    }
}
