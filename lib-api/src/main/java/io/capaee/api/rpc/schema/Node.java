// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The parse tree of a schema file, before names are resolved. */
final class Node {
    enum Kind { FILE, STRUCT, GROUP, UNION, ENUM, INTERFACE, CONST, ANNOTATION, USING, FIELD, ENUMERANT, METHOD, PARAM }

    final Kind kind;
    final String name;
    final int line;
    final int column;
    Node parent;
    Long id;
    int ordinal = -1;
    TypeExpr type;
    ValueExpr value;
    final List<String> typeParams = new ArrayList<>();
    final List<Node> members = new ArrayList<>();
    final List<TypeExpr> superclasses = new ArrayList<>();
    final List<AnnotationExpr> annotations = new ArrayList<>();
    final List<String> targets = new ArrayList<>();
    /** Methods: a parameter list (PARAM nodes), or null when {@link #paramStruct} is used. */
    List<Node> params;
    TypeExpr paramStruct;
    List<Node> results;
    TypeExpr resultStruct;

    Node(Kind kind, String name, int line, int column) {
        this.kind = kind;
        this.name = name;
        this.line = line;
        this.column = column;
    }

    Node add(Node child) {
        child.parent = this;
        members.add(child);
        return child;
    }

    boolean isScope() {
        return kind == Kind.FILE || kind == Kind.STRUCT || kind == Kind.INTERFACE;
    }

    /** A possibly qualified, possibly generic name: {@code .Foo}, {@code import "x".Bar}, {@code Map(Text, Foo)}. */
    record TypeExpr(boolean absolute, String importFile, List<Segment> path, int line, int column) {
        record Segment(String name, List<TypeExpr> args) {}

        String text() {
            StringBuilder sb = new StringBuilder();
            if (importFile != null) {
                sb.append("import \"").append(importFile).append('"');
            }
            for (int i = 0; i < path.size(); i++) {
                sb.append(i > 0 || absolute || importFile != null ? "." : "").append(path.get(i).name());
            }
            return sb.toString();
        }
    }

    record AnnotationExpr(TypeExpr name, ValueExpr value, int line, int column) {}

    sealed interface ValueExpr {
        int line();

        int column();
    }

    record IntLit(BigInteger value, int line, int column) implements ValueExpr {}

    record FloatLit(double value, int line, int column) implements ValueExpr {}

    record StringLit(String value, int line, int column) implements ValueExpr {}

    record DataLit(byte[] value, int line, int column) implements ValueExpr {}

    record NameRef(TypeExpr name, int line, int column) implements ValueExpr {}

    record ListLit(List<ValueExpr> items, int line, int column) implements ValueExpr {}

    record StructLit(List<String> names, List<ValueExpr> values, int line, int column) implements ValueExpr {}
}
