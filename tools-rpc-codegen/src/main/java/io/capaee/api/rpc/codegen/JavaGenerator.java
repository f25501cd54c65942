// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import static io.capaee.api.rpc.codegen.JavaText.capitalize;
import static io.capaee.api.rpc.codegen.JavaText.hexLong;
import static io.capaee.api.rpc.codegen.JavaText.ident;
import static io.capaee.api.rpc.codegen.JavaText.javadoc;
import static io.capaee.api.rpc.codegen.JavaText.literal;

import io.capaee.api.rpc.schema.AnyPointerType;
import io.capaee.api.rpc.schema.Declaration;
import io.capaee.api.rpc.schema.EnumSchema;
import io.capaee.api.rpc.schema.Field;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.rpc.schema.ListType;
import io.capaee.api.rpc.schema.Method;
import io.capaee.api.rpc.schema.PrimitiveType;
import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.capaee.api.rpc.schema.StructSchema;
import io.capaee.api.rpc.schema.Type;
import io.capaee.api.rpc.schema.TypeParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes Java sources from Cap'n Proto schemas: a record per struct and group (nullable
 * components, absent = null, and a last {@link UnknownFields} component that keeps what a newer
 * writer added; {@code toDynamic}, {@code fromDynamic}, {@code encode}, {@code decode}), an enum per enum, and per interface a Java interface with
 * {@code handler(impl)} (server side) and {@code client(channel)} (typed proxy); plus a
 * {@code <File>Capnp} class holding the schema, loaded from the embedded schema text. Run at
 * build time: {@code java io.capaee.api.rpc.codegen.JavaGenerator --out DIR --package PKG x.capnp...}.
 *
 * <p>Over 400 lines on purpose: records, enums, handlers and clients are written from one table of
 * the Java names given to every declaration of the schemas added, and refer to each other's names
 * through it; the text escaping is apart, in {@link JavaText}.
 */
public final class JavaGenerator {
    private static final String UNKNOWN = "io.capaee.api.rpc.codegen.UnknownFields";

    private final String javaPackage;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<Long, String> javaNames = new HashMap<>();
    private final Set<String> declaredNames = new java.util.HashSet<>();
    private Map<String, List<Declaration>> nestedIndex = Map.of();

    public JavaGenerator(String javaPackage) {
        this.javaPackage = javaPackage;
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        String pkg = null;
        List<Path> importPath = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--package" -> pkg = args[++i];
                case "--import-path" -> importPath.add(Path.of(args[++i]));
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (out == null || pkg == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("usage: JavaGenerator --out DIR --package PKG [--import-path DIR] FILE.capnp...");
        }
        JavaGenerator g = new JavaGenerator(pkg);
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (var s = Files.list(input)) {
                    for (Path p : s.filter(f -> f.toString().endsWith(".capnp")).sorted().toList()) {
                        g.add(SchemaParser.parse(p, importPath.toArray(Path[]::new)));
                    }
                }
            } else {
                g.add(SchemaParser.parse(input, importPath.toArray(Path[]::new)));
            }
        }
        Path dir = out.resolve(pkg.replace('.', '/'));
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : g.sources().entrySet()) {
            Path target = dir.resolve(f.getKey());
            if (!Files.exists(target) || !Files.readString(target).equals(f.getValue())) {
                Files.writeString(target, f.getValue());
            }
        }
    }

    /** Generated sources so far, by file name ({@code Foo.java}). */
    public Map<String, String> sources() {
        return files;
    }

    /** Generates the types of a schema and of the files it imports (bundled ones excepted). */
    public void add(Schema schema) {
        String holder = holderName(schema.file());
        if (files.containsKey(holder + ".java")) {
            return;
        }
        for (Map.Entry<String, String> src : schema.sources().entrySet()) {
            if (!src.getKey().equals(schema.file()) && !src.getKey().startsWith("/capnp/")) {
                add(SchemaParser.parse(new SchemaParser.Source(src.getKey(), src.getValue()), resolver(schema.sources())));
            }
        }
        nestedIndex = new HashMap<>();
        for (Declaration d : schema.declarations()) {
            javaNames.put(d.id(), d.qualifiedName());
            declaredNames.add(d.qualifiedName());
            int dot = d.qualifiedName().lastIndexOf('.');
            if (dot > 0) {
                nestedIndex.computeIfAbsent(d.qualifiedName().substring(0, dot), k -> new ArrayList<>()).add(d);
            }
        }
        files.put(holder + ".java", holder(schema, holder));
        for (Declaration d : schema.declarations()) {
            if (d.qualifiedName().contains(".")) {
                continue;
            }
            StringBuilder sb = header();
            if (d instanceof StructSchema s) {
                struct(sb, s, holder, "", true);
            } else if (d instanceof EnumSchema e) {
                enumType(sb, e, "");
            } else if (d instanceof InterfaceSchema i) {
                iface(sb, i, holder, schema, "");
            } else {
                continue;
            }
            files.put(d.name() + ".java", sb.toString());
        }
    }

    private static SchemaParser.ImportResolver resolver(Map<String, String> sources) {
        return (from, path) -> Optional.ofNullable(sources.get(path)).map(t -> new SchemaParser.Source(path, t));
    }

    private StringBuilder header() {
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by io.capaee.api.rpc.codegen.JavaGenerator from a Cap'n Proto schema; do not edit.\n");
        sb.append("package ").append(javaPackage).append(";\n\n");
        return sb;
    }

    static String holderName(String file) {
        String base = Path.of(file).getFileName().toString().replaceAll("\\.capnp$", "");
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : base.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        if (sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0))) {
            sb.insert(0, 'V');
        }
        return sb.append("Capnp").toString();
    }

    private String holder(Schema schema, String name) {
        StringBuilder sb = header();
        sb.append("/** The schema of {@code ").append(javadoc(schema.file())).append("}, loaded from its embedded text. */\n");
        sb.append("public final class ").append(name).append(" {\n");
        sb.append("    private static final java.util.Map<String, String> SOURCES = java.util.Map.ofEntries(\n");
        List<Map.Entry<String, String>> entries = new ArrayList<>(schema.sources().entrySet());
        for (int i = 0; i < entries.size(); i++) {
            sb.append("            java.util.Map.entry(").append(literal(entries.get(i).getKey())).append(", String.join(\"\\n\"");
            for (String line : entries.get(i).getValue().split("\n", -1)) {
                sb.append(",\n                    ").append(literal(line));
            }
            sb.append("))").append(i + 1 < entries.size() ? "," : "").append('\n');
        }
        sb.append("    );\n");
        sb.append("    public static final io.capaee.api.rpc.schema.Schema SCHEMA = io.capaee.api.rpc.schema.SchemaParser.parse(\n");
        sb.append("            new io.capaee.api.rpc.schema.SchemaParser.Source(").append(literal(schema.file()))
                .append(", SOURCES.get(").append(literal(schema.file())).append(")),\n");
        sb.append("            (from, path) -> java.util.Optional.ofNullable(SOURCES.get(path))\n");
        sb.append("                    .map(text -> new io.capaee.api.rpc.schema.SchemaParser.Source(path, text)));\n\n");
        sb.append("    private ").append(name).append("() {}\n}\n");
        return sb.toString();
    }

    // structs and groups

    private void struct(StringBuilder sb, StructSchema s, String holder, String indent, boolean topLevel) {
        String name = s.isGroup() ? capitalize(s.name()) : s.name();
        List<Field> fields = s.fields();
        sb.append(indent).append("/** {@code ").append(javadoc(s.qualifiedName())).append("}: absent fields are null. */\n");
        sb.append(indent).append(topLevel ? "public " : "public static ").append("record ").append(name).append("(");
        String unknown = "unknownFields";
        while (isFieldName(fields, unknown)) {
            unknown += "_";
        }
        StringBuilder params = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            params.append(i == 0 ? "" : ", ").append(javaType(f.type(), s, f)).append(' ').append(ident(f.name()));
            args.append(ident(f.name())).append(", ");
        }
        sb.append(params).append(fields.isEmpty() ? "" : ", ").append(UNKNOWN).append(' ').append(unknown);
        sb.append(") implements io.capaee.api.rpc.codegen.CapnpRecord {\n");
        String in = indent + "    ";
        if (s.isGroup()) {
            sb.append(in).append("public static final io.capaee.api.rpc.schema.StructSchema SCHEMA = ");
            String qn = s.qualifiedName();
            sb.append("(io.capaee.api.rpc.schema.StructSchema) ").append(javaNameForQn(qn.substring(0, qn.lastIndexOf('.'))))
                    .append(".SCHEMA.field(").append(literal(s.name())).append(")");
            sb.append(".orElseThrow().type();\n\n");
        } else {
            sb.append(in).append("public static final io.capaee.api.rpc.schema.StructSchema SCHEMA = ").append(holder)
                    .append(".SCHEMA.struct(").append(literal(s.qualifiedName())).append(");\n\n");
        }
        List<String> unionMembers = fields.stream().filter(Field::inUnion).map(f -> ident(f.name())).toList();
        sb.append(in).append("public ").append(name).append(" {\n");
        if (!unionMembers.isEmpty()) {
            sb.append(in).append("    io.capaee.api.rpc.codegen.Conversions.checkUnion(").append(literal(s.qualifiedName()));
            for (String m : unionMembers) {
                sb.append(", ").append(m);
            }
            sb.append(");\n");
        }
        sb.append(in).append("    ").append(unknown).append(" = ").append(unknown).append(" == null ? ").append(UNKNOWN)
                .append(".NONE : ").append(unknown).append(";\n");
        sb.append(in).append("}\n\n");
        sb.append(in).append("/** A value with no unknown fields (the usual way to make one in Java). */\n");
        sb.append(in).append("public ").append(name).append("(").append(params).append(") {\n");
        sb.append(in).append("    this(").append(args).append(UNKNOWN).append(".NONE);\n");
        sb.append(in).append("}\n\n");
        sb.append(in).append("@Override\n").append(in).append("public io.capaee.api.rpc.schema.DynamicStruct toDynamic() {\n");
        sb.append(in).append("    io.capaee.api.rpc.schema.DynamicStruct d = SCHEMA.newValue();\n");
        for (Field f : fields) {
            String v = ident(f.name());
            sb.append(in).append("    if (").append(v).append(" != null) {\n");
            sb.append(in).append("        d.set(").append(f.index()).append(", ").append(toDynamic(f.type(), v, 0)).append(");\n");
            sb.append(in).append("    }\n");
        }
        sb.append(in).append("    ").append(unknown).append(".writeTo(d);\n");
        sb.append(in).append("    return d;\n").append(in).append("}\n\n");
        sb.append(in).append("public static ").append(name).append(" fromDynamic(io.capaee.api.rpc.schema.DynamicStruct d) {\n");
        sb.append(in).append("    java.util.Map<Integer, Object> f = d.fields();\n");
        sb.append(in).append("    return new ").append(name).append("(");
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            sb.append(i == 0 ? "" : ",\n" + in + "            ").append(fromDynamic(f.type(), "f.get(" + f.index() + ")", 0));
        }
        sb.append(fields.isEmpty() ? "" : ",\n" + in + "            ").append(UNKNOWN).append(".of(d));\n");
        sb.append(in).append("}\n\n");
        sb.append(in).append("/** This record in cara's msgpack encoding. */\n");
        sb.append(in).append("public byte[] encode() {\n");
        sb.append(in).append("    return io.capaee.api.rpc.codec.CaraCodec.lenient().encode(toDynamic());\n");
        sb.append(in).append("}\n\n");
        sb.append(in).append("/** Field ids unknown to this schema are kept and written back by {@link #encode()}. */\n");
        sb.append(in).append("public static ").append(name).append(" decode(byte[] bytes) {\n");
        sb.append(in).append("    return decode(bytes, io.capaee.api.rpc.codec.CaraCodec.lenient());\n");
        sb.append(in).append("}\n\n");
        sb.append(in).append("/** With {@code CaraCodec.strict()}, unknown field ids are refused. */\n");
        sb.append(in).append("public static ").append(name).append(" decode(byte[] bytes, io.capaee.api.rpc.codec.CaraCodec codec) {\n");
        sb.append(in).append("    return fromDynamic(codec.decode(SCHEMA, bytes));\n");
        sb.append(in).append("}\n");
        for (Field f : fields) {
            if (f.group()) {
                sb.append('\n');
                struct(sb, (StructSchema) f.type(), holder, in, false);
            }
        }
        nested(sb, s, holder, in);
        sb.append(indent).append("}\n");
    }

    /** A group's record is nested in its owner's, named after the group, capitalised. */
    private String javaNameForQn(String qualifiedName) {
        if (declaredNames.contains(qualifiedName)) {
            return qualifiedName;
        }
        int dot = qualifiedName.lastIndexOf('.');
        return javaNameForQn(qualifiedName.substring(0, dot)) + "." + capitalize(qualifiedName.substring(dot + 1));
    }

    private void nested(StringBuilder sb, Declaration owner, String holder, String in) {
        for (Declaration d : nestedOf(owner)) {
            sb.append('\n');
            if (d instanceof StructSchema s) {
                struct(sb, s, holder, in, false);
            } else if (d instanceof EnumSchema e) {
                enumType(sb, e, in);
            } else if (d instanceof InterfaceSchema i) {
                iface(sb, i, holder, null, in);
            }
        }
    }

    private List<Declaration> nestedOf(Declaration owner) {
        return nestedIndex.getOrDefault(owner.qualifiedName(), List.of());
    }

    private void enumType(StringBuilder sb, EnumSchema e, String indent) {
        sb.append(indent).append("/** {@code ").append(javadoc(e.qualifiedName())).append("}; ordinals are the enumerant values. */\n");
        sb.append(indent).append("public enum ").append(e.name()).append(" {\n").append(indent).append("    ");
        for (int i = 0; i < e.enumerants().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(ident(e.enumerants().get(i)));
        }
        sb.append("\n").append(indent).append("}\n");
    }

    // interfaces

    private void iface(StringBuilder sb, InterfaceSchema i, String holder, Schema schema, String indent) {
        String in = indent + "    ";
        sb.append(indent).append("/** {@code ").append(javadoc(i.qualifiedName())).append("}. */\n");
        sb.append(indent).append("public interface ").append(i.name());
        for (int k = 0; k < i.superclasses().size(); k++) {
            sb.append(k == 0 ? " extends " : ", ").append(javaNames.get(i.superclasses().get(k).id()));
        }
        sb.append(" {\n");
        sb.append(in).append("io.capaee.api.rpc.schema.InterfaceSchema SCHEMA = ").append(holder).append(".SCHEMA.iface(")
                .append(literal(i.qualifiedName())).append(");\n");
        for (Method m : i.methods()) {
            sb.append('\n').append(in).append(signature(m)).append(";\n");
        }
        for (Method m : i.methods()) {
            if (!m.resultsDeclared() && m.results().fields().size() > 1) {
                sb.append('\n').append(in).append("/** The results of {@code ").append(m.name()).append("}. */\n");
                sb.append(in).append("record ").append(resultsRecord(m)).append("(");
                List<Field> rs = m.results().fields();
                for (int k = 0; k < rs.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append(javaType(rs.get(k).type(), null, rs.get(k))).append(' ')
                            .append(ident(rs.get(k).name()));
                }
                sb.append(") {}\n");
            }
        }
        handler(sb, i, in);
        client(sb, i, in);
        nested(sb, i, holder, in);
        sb.append(indent).append("}\n");
    }

    private String signature(Method m) {
        StringBuilder sb = new StringBuilder(resultType(m)).append(' ').append(ident(m.name())).append('(');
        if (m.paramsDeclared()) {
            sb.append(javaType(m.params(), null, null)).append(" params");
        } else {
            List<Field> ps = m.params().fields();
            for (int k = 0; k < ps.size(); k++) {
                sb.append(k == 0 ? "" : ", ").append(javaType(ps.get(k).type(), null, ps.get(k))).append(' ')
                        .append(ident(ps.get(k).name()));
            }
        }
        return sb.append(')').toString();
    }

    private String resultType(Method m) {
        if (m.resultsDeclared()) {
            return javaType(m.results(), null, null);
        }
        List<Field> rs = m.results().fields();
        return switch (rs.size()) {
            case 0 -> "void";
            case 1 -> javaType(rs.get(0).type(), null, rs.get(0));
            default -> resultsRecord(m);
        };
    }

    private static String resultsRecord(Method m) {
        return Character.toUpperCase(m.name().charAt(0)) + m.name().substring(1) + "Results";
    }

    private void handler(StringBuilder sb, InterfaceSchema i, String in) {
        String self = javaNames.get(i.id());
        sb.append('\n').append(in).append("/** Serves {@code impl} as this interface (and those it extends) to RPC calls. */\n");
        sb.append(in).append("static io.capaee.api.rpc.RpcHandler handler(").append(self).append(" impl) {\n");
        sb.append(in).append("    return (ref, params) -> {\n");
        sb.append(in).append("        long iface = ref.declaringInterface().id();\n");
        sb.append(in).append("        int method = ref.method().index();\n");
        sb.append(in).append("        java.util.Map<Integer, Object> p = params.fields();\n");
        String b = in + "        ";
        for (InterfaceSchema a : i.withAncestors()) {
            String owner = javaNames.get(a.id());
            for (Method m : a.methods()) {
                sb.append(b).append("if (iface == ").append(hexLong(a.id())).append(" && method == ").append(m.index())
                        .append(") {\n");
                StringBuilder call = new StringBuilder("impl.").append(ident(m.name())).append('(');
                if (m.paramsDeclared()) {
                    call.append(javaType(m.params(), null, null)).append(".fromDynamic(params)");
                } else {
                    List<Field> ps = m.params().fields();
                    for (int k = 0; k < ps.size(); k++) {
                        call.append(k == 0 ? "" : ", ").append(fromDynamic(ps.get(k).type(), "p.get(" + k + ")", 0));
                    }
                }
                call.append(')');
                sb.append(b).append("    io.capaee.api.rpc.schema.DynamicStruct out = ref.method().results().newValue();\n");
                String rt = resultType(m);
                if (rt.equals("void")) {
                    sb.append(b).append("    ").append(call).append(";\n");
                } else if (m.resultsDeclared()) {
                    sb.append(b).append("    ").append(rt).append(" r = ").append(call).append(";\n");
                    sb.append(b).append("    return r == null ? out : r.toDynamic();\n");
                } else if (m.results().fields().size() == 1) {
                    Field r = m.results().fields().get(0);
                    sb.append(b).append("    ").append(rt).append(" r = ").append(call).append(";\n");
                    sb.append(b).append("    if (r != null) {\n");
                    sb.append(b).append("        out.set(0, ").append(toDynamic(r.type(), "r", 0)).append(");\n");
                    sb.append(b).append("    }\n");
                } else {
                    sb.append(b).append("    ").append(owner).append('.').append(rt).append(" r = ").append(call).append(";\n");
                    sb.append(b).append("    if (r != null) {\n");
                    for (Field r : m.results().fields()) {
                        String v = "r." + ident(r.name()) + "()";
                        sb.append(b).append("        if (").append(v).append(" != null) {\n");
                        sb.append(b).append("            out.set(").append(r.index()).append(", ").append(toDynamic(r.type(), v, 0))
                                .append(");\n");
                        sb.append(b).append("        }\n");
                    }
                    sb.append(b).append("    }\n");
                }
                if (!m.resultsDeclared()) {
                    sb.append(b).append("    return out;\n");
                }
                sb.append(b).append("}\n");
            }
        }
        sb.append(b).append("throw new io.capaee.api.rpc.UnknownMethodException(").append(literal(i.qualifiedName()))
                .append(" + \" has no method \" + ref.method().name());\n");
        sb.append(in).append("    };\n").append(in).append("}\n");
    }

    private void client(StringBuilder sb, InterfaceSchema i, String in) {
        String self = javaNames.get(i.id());
        sb.append('\n').append(in).append("/** A typed proxy that sends every call through {@code channel}. */\n");
        sb.append(in).append("static ").append(self).append(" client(io.capaee.api.rpc.RpcChannel channel) {\n");
        sb.append(in).append("    return new ").append(self).append("() {\n");
        String b = in + "        ";
        for (InterfaceSchema a : i.withAncestors()) {
            String owner = javaNames.get(a.id());
            for (Method m : a.methods()) {
                sb.append(b).append("@Override\n").append(b).append("public ").append(qualifyResults(owner, m))
                        .append(signature(m).substring(resultType(m).length())).append(" {\n");
                sb.append(b).append("    io.capaee.api.rpc.schema.InterfaceSchema.MethodRef ref = new io.capaee.api.rpc.schema")
                        .append(".InterfaceSchema.MethodRef(").append(owner).append(".SCHEMA, ").append(owner)
                        .append(".SCHEMA.methods().get(").append(m.index()).append("));\n");
                if (m.paramsDeclared()) {
                    sb.append(b).append("    io.capaee.api.rpc.schema.DynamicStruct in = params == null ? ref.method().params()"
                            + ".newValue() : params.toDynamic();\n");
                } else {
                    sb.append(b).append("    io.capaee.api.rpc.schema.DynamicStruct in = ref.method().params().newValue();\n");
                    for (Field p : m.params().fields()) {
                        String v = ident(p.name());
                        sb.append(b).append("    if (").append(v).append(" != null) {\n");
                        sb.append(b).append("        in.set(").append(p.index()).append(", ").append(toDynamic(p.type(), v, 0))
                                .append(");\n");
                        sb.append(b).append("    }\n");
                    }
                }
                sb.append(b).append("    io.capaee.api.rpc.schema.DynamicStruct out = channel.call(ref, in);\n");
                String rt = resultType(m);
                if (rt.equals("void")) {
                    // nothing to return
                } else if (m.resultsDeclared()) {
                    sb.append(b).append("    return ").append(rt).append(".fromDynamic(out);\n");
                } else if (m.results().fields().size() == 1) {
                    sb.append(b).append("    return ").append(fromDynamic(m.results().fields().get(0).type(),
                            "out.fields().get(0)", 0)).append(";\n");
                } else {
                    sb.append(b).append("    java.util.Map<Integer, Object> f = out.fields();\n");
                    sb.append(b).append("    return new ").append(owner).append('.').append(rt).append("(");
                    List<Field> rs = m.results().fields();
                    for (int k = 0; k < rs.size(); k++) {
                        sb.append(k == 0 ? "" : ", ").append(fromDynamic(rs.get(k).type(), "f.get(" + k + ")", 0));
                    }
                    sb.append(");\n");
                }
                sb.append(b).append("}\n\n");
            }
        }
        sb.setLength(sb.length() - 1);
        sb.append(in).append("    };\n").append(in).append("}\n");
    }

    private String qualifyResults(String owner, Method m) {
        String rt = resultType(m);
        return !m.resultsDeclared() && m.results().fields().size() > 1 ? owner + "." + rt : rt;
    }

    // types and conversions

    private String javaType(Type t, StructSchema owner, Field field) {
        if (t instanceof PrimitiveType p) {
            return switch (p) {
                case VOID -> "io.capaee.api.rpc.schema.VoidValue";
                case BOOL -> "Boolean";
                case FLOAT32 -> "Float";
                case FLOAT64 -> "Double";
                case TEXT -> "String";
                case DATA -> "byte[]";
                default -> p.isLong() ? "Long" : "Integer";
            };
        }
        if (t instanceof ListType l) {
            return "java.util.List<" + javaType(l.element(), owner, null) + ">";
        }
        if (t instanceof StructSchema s && s.isGroup()) {
            return groupJavaName(s);
        }
        if (t instanceof StructSchema || t instanceof EnumSchema || t instanceof InterfaceSchema) {
            String n = javaNames.get(((Declaration) t).id());
            if (n == null) {
                throw new IllegalStateException("no Java type generated for " + t.displayName());
            }
            return n;
        }
        return "Object";
    }

    private String groupJavaName(StructSchema group) {
        return javaNameForQn(group.qualifiedName());
    }

    private String toDynamic(Type t, String v, int depth) {
        if (t instanceof StructSchema) {
            return v + ".toDynamic()";
        }
        if (t instanceof ListType l) {
            String x = "x" + depth;
            String inner = toDynamic(l.element(), x, depth + 1);
            return inner.equals(x) ? v : "io.capaee.api.rpc.codegen.Conversions.listTo(" + v + ", " + x + " -> " + inner + ")";
        }
        if (t instanceof InterfaceSchema) {
            return javaNames.get(((InterfaceSchema) t).id()) + ".handler(" + v + ")";
        }
        if (t instanceof AnyPointerType || t instanceof TypeParameter) {
            return "io.capaee.api.rpc.codegen.Conversions.anyToDynamic(" + v + ")";
        }
        return v;
    }

    private String fromDynamic(Type t, String v, int depth) {
        if (t instanceof StructSchema s) {
            return "io.capaee.api.rpc.codegen.Conversions.struct(" + v + ", " + javaType(s, null, null) + "::fromDynamic)";
        }
        if (t instanceof EnumSchema e) {
            return "io.capaee.api.rpc.codegen.Conversions.enumOf(" + javaType(e, null, null) + ".class, " + v + ")";
        }
        if (t instanceof ListType l) {
            String x = "x" + depth;
            return "io.capaee.api.rpc.codegen.Conversions.listFrom(" + v + ", " + x + " -> "
                    + fromDynamic(l.element(), x, depth + 1) + ")";
        }
        if (t instanceof InterfaceSchema i) {
            String n = javaNames.get(i.id());
            return "io.capaee.api.rpc.codegen.Conversions.capability(" + v + ", " + n + "::client)";
        }
        if (t instanceof AnyPointerType || t instanceof TypeParameter) {
            return v;
        }
        return "(" + javaType(t, null, null) + ") " + v;
    }

    private static boolean isFieldName(List<Field> fields, String javaName) {
        return fields.stream().anyMatch(f -> ident(f.name()).equals(javaName));
    }
}
