// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import io.capaee.api.rpc.schema.Node.TypeExpr;
import io.capaee.api.rpc.schema.Node.ValueExpr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parse trees into the schema model: names and imports resolved, ids derived as capnp
 * derives them ({@link TypeIds}), field indices assigned (B1 of connect-and-cara), ordinals checked,
 * defaults and annotation values converted. One instance per load; not shared.
 *
 * <p>Over 400 lines on purpose: declaring, completing, resolving names and converting values are
 * phases of one load that read and fill the same identity maps (the model of each node, the nodes
 * being resolved, the ones still pending), and recurse into each other through them.
 */
final class Resolver {
    private final SchemaParser.ImportResolver imports;
    private final Map<String, Node> files = new HashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<Node, String> fileNames = new IdentityHashMap<>();
    private final Map<Node, Object> models = new IdentityHashMap<>();
    private final Map<Node, Object> constValues = new IdentityHashMap<>();
    private final Set<Node> resolving = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Node> pending = new ArrayDeque<>();
    private final Map<StructSchema, Node> structNodes = new IdentityHashMap<>();

    Resolver(SchemaParser.ImportResolver imports) {
        this.imports = imports;
    }

    Schema load(SchemaParser.Source source) {
        sources.put(source.name(), source.text());
        Node root = register(source);
        while (!pending.isEmpty()) {
            complete(pending.poll());
        }
        Map<String, Declaration> byName = new LinkedHashMap<>();
        collect(root, byName);
        return new Schema(source.name(), root.id, byName, sources);
    }

    private void collect(Node scope, Map<String, Declaration> out) {
        for (Node m : scope.members) {
            Object model = models.get(m);
            if (model instanceof Declaration d) {
                out.put(d.qualifiedName(), d);
                collect(m, out);
            }
        }
    }

    private Node register(SchemaParser.Source source) {
        Node root = new Parser(source.name(), source.text()).parseFile();
        files.put(source.name(), root);
        fileNames.put(root, source.name());
        declare(root, root.id, "");
        pending.add(root);
        return root;
    }

    private Node importFile(String from, String path, int line, int column) {
        SchemaParser.Source src = imports.resolve(from, path).orElseThrow(
                () -> new SchemaException(from, line, column, "import \"" + path + "\" not found"));
        sources.putIfAbsent(path, src.text());
        Node known = files.get(src.name());
        return known != null ? known : register(src);
    }

    // phase 1: a model object (still empty) for every declaration, so that types can refer to it

    private void declare(Node scope, long scopeId, String prefix) {
        for (Node m : scope.members) {
            if (m.kind == Node.Kind.USING || m.kind == Node.Kind.FIELD || m.kind == Node.Kind.GROUP
                    || m.kind == Node.Kind.UNION || m.kind == Node.Kind.METHOD) {
                continue;
            }
            long id = m.id != null ? m.id : TypeIds.childId(scopeId, m.name);
            String qn = prefix + m.name;
            switch (m.kind) {
                case STRUCT -> {
                    StructSchema st = new StructSchema(m.name, qn, id, StructSchema.Kind.STRUCT, m.typeParams);
                    models.put(m, st);
                    structNodes.put(st, m);
                }
                case INTERFACE -> models.put(m, new InterfaceSchema(m.name, qn, id));
                case ENUM -> models.put(m, new EnumSchema(m.name, qn, id, enumerants(m), List.of()));
                default -> models.put(m, id);
            }
            m.id = id;
            if (m.kind == Node.Kind.STRUCT || m.kind == Node.Kind.INTERFACE) {
                declare(m, id, qn + ".");
            }
        }
    }

    private List<String> enumerants(Node e) {
        List<Node> sorted = sequential(e.members, "enumerant");
        return sorted.stream().map(n -> n.name).toList();
    }

    // phase 2: fill in fields, methods, values and annotations

    private void complete(Node scope) {
        for (Node m : scope.members) {
            switch (m.kind) {
                case STRUCT -> {
                    completeStructOnce(m);
                    complete(m);
                }
                case INTERFACE -> {
                    completeInterface(m);
                    complete(m);
                }
                case ENUM -> {
                    EnumSchema shell = (EnumSchema) models.get(m);
                    // enums are equal by id, so field types made from the shell stay correct
                    models.put(m, new EnumSchema(shell.name(), shell.qualifiedName(), shell.id(), shell.enumerants(),
                            annotations(m.annotations, m)));
                }
                case CONST -> {
                    Type t = type(m.type, m.parent);
                    long id = (Long) models.get(m);
                    models.put(m, new ConstSchema(m.name, qualified(m), id, t, constValue(m), annotations(m.annotations, m)));
                }
                case ANNOTATION -> annotationSchema(m);
                case USING -> resolve(m.type, m.parent);
                default -> { }
            }
        }
        if (scope.kind == Node.Kind.FILE) {
            annotations(scope.annotations, scope);
        }
    }

    private String qualified(Node n) {
        StringBuilder sb = new StringBuilder(n.name);
        for (Node p = n.parent; p != null && p.kind != Node.Kind.FILE; p = p.parent) {
            sb.insert(0, p.name + ".");
        }
        return sb.toString();
    }

    private String fileOf(Node n) {
        Node p = n;
        while (p.parent != null) {
            p = p.parent;
        }
        return fileNames.get(p);
    }

    private void completeStruct(Node n) {
        StructSchema s = (StructSchema) models.get(n);
        checkOrdinals(n);
        s.complete(scopeFields(n, s, false), annotations(n.annotations, n));
    }

    private record Slot(int ordinal, Node node, boolean inUnion) {}

    private List<Field> scopeFields(Node scope, StructSchema owner, boolean scopeIsUnion) {
        List<Slot> slots = new ArrayList<>();
        boolean unnamedUnionSeen = false;
        for (Node m : scope.members) {
            if (m.kind == Node.Kind.FIELD || m.kind == Node.Kind.GROUP || m.kind == Node.Kind.UNION && m.name != null) {
                slots.add(new Slot(minOrdinal(m), m, scopeIsUnion));
            } else if (m.kind == Node.Kind.UNION) {
                if (scopeIsUnion) {
                    throw error(m, "an unnamed union cannot be directly inside another union; name it");
                }
                if (unnamedUnionSeen) {
                    throw error(m, "a struct can have only one unnamed union");
                }
                unnamedUnionSeen = true;
                checkUnionSize(m);
                for (Node u : m.members) {
                    if (u.kind == Node.Kind.UNION && u.name == null) {
                        throw error(u, "an unnamed union cannot be directly inside another union; name it");
                    }
                    slots.add(new Slot(minOrdinal(u), u, true));
                }
            }
        }
        if (scopeIsUnion) {
            checkUnionSize(scope);
        }
        slots.sort(Comparator.comparingInt(Slot::ordinal));
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            Node m = slot.node();
            List<AnnotationUse> ann = annotations(m.annotations, scope);
            if (m.kind == Node.Kind.FIELD) {
                Type t = type(m.type, structScope(scope));
                Object def = m.value == null ? null : value(m.value, t, structScope(scope));
                fields.add(new Field(m.name, i, m.ordinal, t, false, slot.inUnion(), def, ann));
            } else {
                StructSchema g = new StructSchema(m.name, owner.qualifiedName() + "." + m.name,
                        TypeIds.groupId(owner.id(), i), StructSchema.Kind.GROUP, List.of());
                g.complete(scopeFields(m, g, m.kind == Node.Kind.UNION), List.of());
                fields.add(new Field(m.name, i, slot.ordinal(), g, true, slot.inUnion(), null, ann));
            }
        }
        return fields;
    }

    private void checkUnionSize(Node union) {
        if (union.members.size() < 2) {
            throw error(union, "a union must have at least two members");
        }
    }

    private static Node structScope(Node n) {
        Node p = n;
        while (p.kind == Node.Kind.GROUP || p.kind == Node.Kind.UNION) {
            p = p.parent;
        }
        return p;
    }

    private int minOrdinal(Node n) {
        if (n.kind == Node.Kind.FIELD) {
            return n.ordinal;
        }
        int min = Integer.MAX_VALUE;
        for (Node m : n.members) {
            if (m.kind == Node.Kind.FIELD || m.kind == Node.Kind.GROUP || m.kind == Node.Kind.UNION) {
                min = Math.min(min, minOrdinal(m));
            }
        }
        if (min == Integer.MAX_VALUE) {
            throw error(n, (n.name == null ? "union" : "'" + n.name + "'") + " has no fields");
        }
        return min;
    }

    private void checkOrdinals(Node struct) {
        List<Node> all = new ArrayList<>();
        collectFields(struct, all);
        sequential(all, "field");
    }

    private void collectFields(Node scope, List<Node> out) {
        for (Node m : scope.members) {
            if (m.kind == Node.Kind.FIELD) {
                out.add(m);
            } else if (m.kind == Node.Kind.GROUP || m.kind == Node.Kind.UNION) {
                collectFields(m, out);
            }
        }
    }

    /** Sorts by ordinal and checks that ordinals are 0, 1, 2... without duplicates or holes. */
    private List<Node> sequential(List<Node> nodes, String what) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingInt((Node n) -> n.ordinal));
        for (int i = 0; i < sorted.size(); i++) {
            Node n = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).ordinal == n.ordinal) {
                Node first = sorted.get(i - 1);
                Node later = first.line < n.line || first.line == n.line && first.column < n.column ? n : first;
                Node earlier = later == n ? first : n;
                throw error(later, "duplicate ordinal number @" + n.ordinal + " (" + what + " '" + later.name
                        + "'; first used by '" + earlier.name + "' at line " + earlier.line + ")");
            }
            if (n.ordinal != i) {
                throw error(n, "skipped ordinal @" + i + " (" + what + " '" + n.name + "' is @" + n.ordinal
                        + "); ordinals must be sequential with no holes");
            }
        }
        return sorted;
    }

    private void completeInterface(Node n) {
        InterfaceSchema iface = (InterfaceSchema) models.get(n);
        List<InterfaceSchema> supers = new ArrayList<>();
        for (TypeExpr e : n.superclasses) {
            Type t = type(e, n.parent);
            if (!(t instanceof InterfaceSchema s)) {
                throw new SchemaException(fileOf(n), e.line(), e.column(), "'" + e.text() + "' is not an interface");
            }
            supers.add(s);
        }
        List<Node> methodNodes = n.members.stream().filter(m -> m.kind == Node.Kind.METHOD).toList();
        List<Method> methods = new ArrayList<>();
        for (Node m : sequential(methodNodes, "method")) {
            StructSchema params = m.params != null
                    ? paramStruct(m, m.params, iface, false) : declaredStruct(m.paramStruct, m);
            StructSchema results = m.results != null
                    ? paramStruct(m, m.results, iface, true) : declaredStruct(m.resultStruct, m);
            methods.add(new Method(m.name, m.ordinal, params, m.params == null, results, m.results == null,
                    List.copyOf(m.typeParams), annotations(m.annotations, n)));
        }
        iface.complete(methods, supers, annotations(n.annotations, n));
        checkCycle(iface, new ArrayList<>(), n);
    }

    private void checkCycle(InterfaceSchema i, List<InterfaceSchema> path, Node at) {
        if (path.contains(i)) {
            throw error(at, "interface '" + i.qualifiedName() + "' extends itself");
        }
        path.add(i);
        for (InterfaceSchema s : i.superclasses()) {
            checkCycle(s, path, at);
        }
        path.remove(path.size() - 1);
    }

    private StructSchema declaredStruct(TypeExpr e, Node method) {
        Type t = type(e, method);
        if (!(t instanceof StructSchema s)) {
            throw new SchemaException(fileOf(method), e.line(), e.column(),
                    "method '" + method.name + "': '" + e.text() + "' is not a struct type; write a parameter list '(name :Type)'");
        }
        return s;
    }

    private StructSchema paramStruct(Node method, List<Node> params, InterfaceSchema iface, boolean results) {
        String name = method.name + (results ? "$Results" : "$Params");
        StructSchema s = new StructSchema(name, iface.qualifiedName() + "." + name,
                TypeIds.paramsId(iface.id(), method.ordinal, results), StructSchema.Kind.PARAMS, List.of());
        List<Field> fields = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Node p = params.get(i);
            if (seen.put(p.name, p) != null) {
                throw error(p, "duplicate parameter name '" + p.name + "'");
            }
            Type t = type(p.type, method);
            Object def = p.value == null ? null : value(p.value, t, method);
            fields.add(new Field(p.name, i, i, t, false, false, def, annotations(p.annotations, method)));
        }
        s.complete(fields, List.of());
        return s;
    }

    private AnnotationSchema annotationSchema(Node n) {
        Object model = models.get(n);
        if (model instanceof AnnotationSchema a) {
            return a;
        }
        Type t = type(n.type, n.parent);
        AnnotationSchema a = new AnnotationSchema(n.name, qualified(n), (Long) model, List.copyOf(n.targets), t, List.of());
        models.put(n, a);
        return a;
    }

    private List<AnnotationUse> annotations(List<Node.AnnotationExpr> exprs, Node scope) {
        List<AnnotationUse> out = new ArrayList<>();
        for (Node.AnnotationExpr e : exprs) {
            Object r = resolve(e.name(), structScope(scope));
            if (!(r instanceof Node an) || an.kind != Node.Kind.ANNOTATION) {
                throw new SchemaException(fileOf(scope), e.line(), e.column(),
                        "'" + e.name().text() + "' is not an annotation");
            }
            AnnotationSchema a = annotationSchema(an);
            Object v;
            if (e.value() == null) {
                if (a.type() != PrimitiveType.VOID) {
                    throw new SchemaException(fileOf(scope), e.line(), e.column(),
                            "annotation '" + a.name() + "' needs a value of type " + a.type().displayName());
                }
                v = VoidValue.VOID;
            } else {
                v = value(e.value(), a.type(), structScope(scope));
            }
            out.add(new AnnotationUse(a, v));
        }
        return out;
    }

    // names and types

    private Type type(TypeExpr e, Node scope) {
        Object r = resolve(e, scope);
        List<TypeExpr> argExprs = e.path().isEmpty() ? List.of() : e.path().get(e.path().size() - 1).args();
        if (r instanceof String builtin) {
            if (builtin.equals("List")) {
                if (argExprs.size() != 1) {
                    throw new SchemaException(fileOf(scope), e.line(), e.column(), "List needs one element type: List(T)");
                }
                return new ListType(type(argExprs.get(0), scope));
            }
            PrimitiveType p = PrimitiveType.byName(builtin);
            return p != null ? p : new AnyPointerType(builtin);
        }
        if (r instanceof TypeParameter p) {
            return p;
        }
        Node n = (Node) r;
        Object model = models.get(n);
        if (model instanceof StructSchema s) {
            if (argExprs.isEmpty()) {
                return s;
            }
            if (argExprs.size() > s.typeParameters().size()) {
                throw new SchemaException(fileOf(scope), e.line(), e.column(), "'" + s.qualifiedName() + "' takes "
                        + s.typeParameters().size() + " type parameter(s), got " + argExprs.size());
            }
            List<Type> args = argExprs.stream().map(a -> type(a, scope)).toList();
            return new BoundStruct(s, args).resolve(this, n);
        }
        if (model instanceof Type t) {
            return t;
        }
        throw new SchemaException(fileOf(scope), e.line(), e.column(), "'" + e.text() + "' is a "
                + n.kind.name().toLowerCase() + ", not a type");
    }

    /** A generic struct used with arguments; bound once its fields are known. */
    private record BoundStruct(StructSchema generic, List<Type> args) {
        Type resolve(Resolver r, Node decl) {
            if (generic.fields().isEmpty() && !decl.members.isEmpty()) {
                r.completeStructOnce(decl);
            }
            return generic.bind(args);
        }
    }

    private final Set<Node> completedStructs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private void completeStructOnce(Node n) {
        if (completedStructs.add(n)) {
            completeStruct(n);
        }
    }

    /** A declaration node, a built-in type name (String) or a TypeParameter. */
    private Object resolve(TypeExpr e, Node scope) {
        Object cur;
        int start;
        if (e.importFile() != null) {
            cur = importFile(fileOf(scope), e.importFile(), e.line(), e.column());
            start = 0;
        } else if (e.absolute()) {
            Node root = scope;
            while (root.parent != null) {
                root = root.parent;
            }
            cur = root;
            start = 0;
        } else {
            String first = e.path().get(0).name();
            cur = lookupUp(first, scope);
            if (cur == null) {
                if (BUILTINS.contains(first) && e.path().size() == 1) {
                    return first;
                }
                throw new SchemaException(fileOf(scope), e.line(), e.column(), "unknown name '" + first + "'");
            }
            cur = followAlias(cur, e);
            start = 1;
        }
        for (int i = start; i < e.path().size(); i++) {
            String seg = e.path().get(i).name();
            if (!(cur instanceof Node n)) {
                throw new SchemaException(fileOf(scope), e.line(), e.column(), "'" + seg + "': cannot look inside a "
                        + cur);
            }
            Node found = member(n, seg);
            if (found == null) {
                throw new SchemaException(fileOf(scope), e.line(), e.column(), "'" + (n.name == null || n.name.isEmpty()
                        ? fileOf(n) : n.name) + "' has no member '" + seg + "'");
            }
            cur = followAlias(found, e);
        }
        return cur;
    }

    private static final Set<String> BUILTINS = Set.of("Void", "Bool", "Int8", "Int16", "Int32", "Int64", "UInt8",
            "UInt16", "UInt32", "UInt64", "Float32", "Float64", "Text", "Data", "List", "AnyPointer", "AnyStruct",
            "AnyList", "Capability");

    private Object followAlias(Object found, TypeExpr at) {
        if (found instanceof Node n && n.kind == Node.Kind.USING) {
            if (!resolving.add(n)) {
                throw new SchemaException(fileOf(n), n.line, n.column, "alias '" + n.name + "' refers to itself");
            }
            try {
                return resolve(n.type, n.parent);
            } finally {
                resolving.remove(n);
            }
        }
        return found;
    }

    private Object lookupUp(String name, Node scope) {
        for (Node s = scope; s != null; s = s.parent) {
            if (s.typeParams.contains(name)) {
                return new TypeParameter(name);
            }
            if (s.isScope()) {
                Node m = member(s, name);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Node member(Node scope, String name) {
        for (Node m : scope.members) {
            if (name.equals(m.name) && m.kind != Node.Kind.FIELD && m.kind != Node.Kind.METHOD
                    && m.kind != Node.Kind.GROUP && m.kind != Node.Kind.UNION && m.kind != Node.Kind.ENUMERANT) {
                return m;
            }
        }
        return null;
    }

    // values

    private Object constValue(Node c) {
        if (constValues.containsKey(c)) {
            return constValues.get(c);
        }
        if (!resolving.add(c)) {
            throw error(c, "const '" + c.name + "' refers to itself");
        }
        try {
            Object v = value(c.value, type(c.type, c.parent), c.parent);
            constValues.put(c, v);
            return v;
        } finally {
            resolving.remove(c);
        }
    }

    private Object value(ValueExpr v, Type t, Node scope) {
        try {
            return convert(v, t, scope);
        } catch (ValueException e) {
            throw new SchemaException(fileOf(scope), v.line(), v.column(), e.getMessage());
        }
    }

    private Object convert(ValueExpr v, Type t, Node scope) {
        String where = "value";
        if (v instanceof Node.IntLit i) {
            if (t instanceof PrimitiveType p && p.isFloat()) {
                return Values.convert(t, i.value().doubleValue(), where);
            }
            return Values.convert(t, i.value(), where);
        }
        if (v instanceof Node.FloatLit f) {
            if (!(t instanceof PrimitiveType p && p.isFloat())) {
                throw new ValueException("a float literal is not a " + t.displayName());
            }
            return Values.convert(t, f.value(), where);
        }
        if (v instanceof Node.StringLit s) {
            if (t == PrimitiveType.DATA) {
                return s.value().getBytes(StandardCharsets.UTF_8);
            }
            return Values.convert(t, s.value(), where);
        }
        if (v instanceof Node.DataLit d) {
            return Values.convert(t, d.value(), where);
        }
        if (v instanceof Node.ListLit l) {
            if (!(t instanceof ListType lt)) {
                throw new ValueException("a list literal is not a " + t.displayName());
            }
            List<Object> out = new ArrayList<>();
            for (ValueExpr item : l.items()) {
                out.add(value(item, lt.element(), scope));
            }
            return out;
        }
        if (v instanceof Node.StructLit s) {
            if (!(t instanceof StructSchema st)) {
                throw new ValueException("a struct literal is not a " + t.displayName());
            }
            Node decl = structNodes.get(st);
            if (decl != null) {
                // a default or const may use a struct declared later or in an imported file
                completeStructOnce(decl);
            }
            DynamicStruct d = st.newValue();
            for (int i = 0; i < s.names().size(); i++) {
                String name = s.names().get(i);
                Field f = st.field(name).orElseThrow(
                        () -> new ValueException(st.qualifiedName() + " has no field '" + name + "'"));
                d.set(name, value(s.values().get(i), f.type(), scope));
            }
            return d;
        }
        Node.NameRef ref = (Node.NameRef) v;
        TypeExpr name = ref.name();
        if (name.path().size() == 1 && !name.absolute() && name.importFile() == null) {
            String word = name.path().get(0).name();
            if (t instanceof EnumSchema e && e.ordinalOf(word) >= 0) {
                return new DynamicEnum(e, e.ordinalOf(word));
            }
            switch (word) {
                case "true", "false" -> {
                    return Values.convert(t, Boolean.valueOf(word), where);
                }
                case "void" -> {
                    return Values.convert(t, VoidValue.VOID, where);
                }
                case "inf", "nan" -> {
                    if (t instanceof PrimitiveType p && p.isFloat()) {
                        return Values.convert(t, word.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN, where);
                    }
                    throw new ValueException(word + " is not a " + t.displayName());
                }
                default -> {
                    if (t instanceof EnumSchema e && lookupUp(word, scope) == null) {
                        throw new ValueException(e.displayName() + " has no enumerant '" + word + "'");
                    }
                }
            }
        }
        Object r = resolve(name, scope);
        if (r instanceof Node c && c.kind == Node.Kind.CONST) {
            return Values.convert(t, constValue(c), where);
        }
        if (t instanceof EnumSchema e) {
            throw new ValueException(e.displayName() + " has no enumerant '" + name.text() + "'");
        }
        throw new ValueException("'" + name.text() + "' is not a constant");
    }

    private SchemaException error(Node n, String message) {
        return new SchemaException(fileOf(n), n.line, n.column, message);
    }
}
