// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import io.capaee.api.rpc.schema.Lexer.Kind;
import io.capaee.api.rpc.schema.Lexer.Token;
import io.capaee.api.rpc.schema.Node.TypeExpr;
import io.capaee.api.rpc.schema.Node.ValueExpr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Recursive-descent parser of the Cap'n Proto schema language into a {@link Node} tree. One class
 * of over 400 lines on purpose: each method is one rule of the grammar, and the rules call each
 * other recursively over one shared token cursor and nesting count, so splitting them would only
 * pass that cursor around.
 */
final class Parser {
    private final String file;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    Parser(String file, String text) {
        this.file = file;
        this.tokens = new Lexer(file, text).tokens();
    }

    Node parseFile() {
        Node root = new Node(Node.Kind.FILE, "", 1, 1);
        while (peek().kind() != Kind.EOF) {
            Token t = peek();
            if (t.kind() == Kind.ID) {
                next();
                if (root.id != null) {
                    throw error(t, "the file id is declared twice");
                }
                root.id = parseId(t);
                expect(";");
            } else if (t.is("$")) {
                root.annotations.addAll(annotations());
                expect(";");
            } else {
                Node decl = declaration();
                if (decl == null) {
                    throw error(t, "expected a declaration (struct, enum, interface, const, annotation, using), got "
                            + t.describe());
                }
                root.add(decl);
            }
        }
        if (root.id == null) {
            throw new SchemaException(file, 1, 1, "file has no unique id; add a line like '@0x"
                    + Long.toHexString(new java.security.SecureRandom().nextLong() | Long.MIN_VALUE) + ";'");
        }
        return root;
    }

    /**
     * Parses one nested level, refusing more than {@link SchemaParser#MAX_NESTING} levels so that
     * a hostile schema cannot exhaust the stack of this recursive-descent parser.
     */
    private <T> T nested(String what, Supplier<T> level) {
        if (++depth > SchemaParser.MAX_NESTING) {
            throw error(peek(), what + " nested deeper than " + SchemaParser.MAX_NESTING + " levels");
        }
        try {
            return level.get();
        } finally {
            depth--;
        }
    }

    private Node declaration() {
        return nested("declarations", this::declarationAt);
    }

    private void structBody(Node n) {
        nested("struct, group or union bodies", () -> {
            structBodyAt(n);
            return null;
        });
    }

    private TypeExpr typeExpr() {
        return nested("type arguments", this::typeExprAt);
    }

    private ValueExpr value() {
        return nested("values", this::valueAt);
    }

    /** A nested or top-level declaration, or null when the next token does not start one. */
    private Node declarationAt() {
        Token t = peek();
        if (t.kind() != Kind.IDENT) {
            return null;
        }
        Supplier<Node> rule = switch (t.text()) {
            case "struct" -> this::struct;
            case "enum" -> this::enumDecl;
            case "interface" -> this::interfaceDecl;
            case "const" -> this::constDecl;
            case "annotation" -> this::annotationDecl;
            case "using" -> () -> using(t);
            default -> null;
        };
        if (rule == null) {
            return null;
        }
        next();
        return rule.get();
    }

    /** The name, and the id if one is given, that open a declaration of {@code kind}. */
    private Node declared(Node.Kind kind, String what) {
        Token nameTok = ident(what + " name");
        Node n = new Node(kind, nameTok.text(), nameTok.line(), nameTok.column());
        optionalId(n);
        return n;
    }

    private Node struct() {
        Node n = declared(Node.Kind.STRUCT, "struct");
        typeParams(n);
        n.annotations.addAll(annotations());
        structBody(n);
        return n;
    }

    private void structBodyAt(Node n) {
        expect("{");
        while (!peek().is("}")) {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                throw error(t, "missing '}' closing '" + n.name + "'");
            }
            Node decl = declaration();
            if (decl != null) {
                if (n.kind != Node.Kind.STRUCT) {
                    throw error(t, "declarations are not allowed inside a group or union");
                }
                n.add(decl);
                continue;
            }
            if (t.is("union") && peekAt(1).is("{")) {
                next();
                Node u = new Node(Node.Kind.UNION, null, t.line(), t.column());
                structBody(u);
                n.add(u);
                continue;
            }
            n.add(member());
        }
        expect("}");
        optional(";");
    }

    private Node member() {
        Token nameTok = ident("field name");
        if (peek().kind() == Kind.ORDINAL) {
            Node f = new Node(Node.Kind.FIELD, nameTok.text(), nameTok.line(), nameTok.column());
            f.ordinal = Integer.parseInt(next().text());
            expect(":");
            f.type = typeExpr();
            if (optional("=")) {
                f.value = value();
            }
            f.annotations.addAll(annotations());
            expect(";");
            return f;
        }
        if (peek().is(":") && (peekAt(1).is("group") || peekAt(1).is("union"))) {
            next();
            Token kindTok = next();
            Node g = new Node(kindTok.is("group") ? Node.Kind.GROUP : Node.Kind.UNION, nameTok.text(),
                    nameTok.line(), nameTok.column());
            g.annotations.addAll(annotations());
            structBody(g);
            return g;
        }
        throw error(peek(), "expected '@N' (the ordinal of field '" + nameTok.text() + "'), or ':group' / ':union'");
    }

    private Node enumDecl() {
        Node n = declared(Node.Kind.ENUM, "enum");
        n.annotations.addAll(annotations());
        expect("{");
        while (!optional("}")) {
            Token e = ident("enumerant name");
            Node en = new Node(Node.Kind.ENUMERANT, e.text(), e.line(), e.column());
            en.ordinal = ordinal(e.text());
            en.annotations.addAll(annotations());
            expect(";");
            n.add(en);
        }
        optional(";");
        return n;
    }

    private Node interfaceDecl() {
        Node n = declared(Node.Kind.INTERFACE, "interface");
        typeParams(n);
        if (peek().is("extends")) {
            next();
            expect("(");
            do {
                n.superclasses.add(typeExpr());
            } while (optional(","));
            expect(")");
        }
        n.annotations.addAll(annotations());
        expect("{");
        while (!optional("}")) {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                throw error(t, "missing '}' closing '" + n.name + "'");
            }
            Node decl = declaration();
            if (decl != null) {
                n.add(decl);
                continue;
            }
            n.add(method());
        }
        optional(";");
        return n;
    }

    private Node method() {
        Token nameTok = ident("method name");
        Node m = new Node(Node.Kind.METHOD, nameTok.text(), nameTok.line(), nameTok.column());
        m.ordinal = ordinal(nameTok.text());
        if (optional("[")) {
            do {
                m.typeParams.add(ident("type parameter").text());
            } while (optional(","));
            expect("]");
        }
        if (peek().is("(")) {
            m.params = paramList();
        } else {
            m.paramStruct = typeExpr();
        }
        if (optional("->")) {
            if (peek().is("(")) {
                m.results = paramList();
            } else {
                m.resultStruct = typeExpr();
            }
        } else {
            m.results = List.of();
        }
        m.annotations.addAll(annotations());
        expect(";");
        return m;
    }

    private List<Node> paramList() {
        expect("(");
        List<Node> out = new ArrayList<>();
        if (optional(")")) {
            return out;
        }
        do {
            Token p = ident("parameter name");
            Node param = new Node(Node.Kind.PARAM, p.text(), p.line(), p.column());
            expect(":");
            param.type = typeExpr();
            if (optional("=")) {
                param.value = value();
            }
            param.annotations.addAll(annotations());
            out.add(param);
        } while (optional(","));
        expect(")");
        return out;
    }

    private Node constDecl() {
        Node n = declared(Node.Kind.CONST, "const");
        expect(":");
        n.type = typeExpr();
        expect("=");
        n.value = value();
        n.annotations.addAll(annotations());
        expect(";");
        return n;
    }

    private Node annotationDecl() {
        Node n = declared(Node.Kind.ANNOTATION, "annotation");
        expect("(");
        do {
            if (optional("*")) {
                n.targets.add("*");
            } else {
                n.targets.add(ident("annotation target").text());
            }
        } while (optional(","));
        expect(")");
        expect(":");
        n.type = typeExpr();
        n.annotations.addAll(annotations());
        expect(";");
        return n;
    }

    private Node using(Token at) {
        Node n;
        if (peek().kind() == Kind.IDENT && peekAt(1).is("=")) {
            Token nameTok = next();
            next();
            n = new Node(Node.Kind.USING, nameTok.text(), nameTok.line(), nameTok.column());
            n.type = typeExpr();
        } else {
            TypeExpr target = typeExpr();
            if (target.path().isEmpty()) {
                throw error(at, "'using import \"...\";' needs a name: 'using Name = import \"...\";'");
            }
            n = new Node(Node.Kind.USING, target.path().get(target.path().size() - 1).name(), at.line(), at.column());
            n.type = target;
        }
        expect(";");
        return n;
    }

    private TypeExpr typeExprAt() {
        Token start = peek();
        boolean absolute = false;
        String importFile = null;
        List<TypeExpr.Segment> path = new ArrayList<>();
        if (start.is("import")) {
            next();
            Token f = next();
            if (f.kind() != Kind.STRING) {
                throw error(f, "expected a file name string after 'import'");
            }
            importFile = f.text();
            if (!optional(".")) {
                return new TypeExpr(false, importFile, path, start.line(), start.column());
            }
        } else if (optional(".")) {
            absolute = true;
        }
        do {
            Token seg = ident("type name");
            List<TypeExpr> args = new ArrayList<>();
            if (peek().is("(") && !isValueParen()) {
                next();
                do {
                    args.add(typeExpr());
                } while (optional(","));
                expect(")");
            }
            path.add(new TypeExpr.Segment(seg.text(), args));
        } while (optional("."));
        return new TypeExpr(absolute, importFile, path, start.line(), start.column());
    }

    /** In {@code $ann(x = 1)} or {@code $ann("v")} the parenthesis holds a value, not type arguments. */
    private boolean isValueParen() {
        for (int i = pos - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.is("$")) {
                return true;
            }
            if (!(t.kind() == Kind.IDENT || t.is("."))) {
                return false;
            }
        }
        return false;
    }

    private List<Node.AnnotationExpr> annotations() {
        List<Node.AnnotationExpr> out = new ArrayList<>();
        while (peek().is("$")) {
            Token at = next();
            TypeExpr name = typeExpr();
            ValueExpr v = null;
            if (peek().is("(")) {
                Token open = peek();
                if (peekAt(1).kind() == Kind.IDENT && peekAt(2).is("=") || peekAt(1).is(")")) {
                    v = value();
                } else {
                    next();
                    v = value();
                    expect(")");
                }
                if (v == null) {
                    throw error(open, "expected an annotation value");
                }
            }
            out.add(new Node.AnnotationExpr(name, v, at.line(), at.column()));
        }
        return out;
    }

    private ValueExpr valueAt() {
        Token t = peek();
        if (t.is("-")) {
            next();
            Token n = next();
            if (n.kind() == Kind.INT) {
                return new Node.IntLit(parseInt(n).negate(), t.line(), t.column());
            }
            if (n.kind() == Kind.FLOAT) {
                return new Node.FloatLit(-Double.parseDouble(n.text()), t.line(), t.column());
            }
            if (n.is("inf")) {
                return new Node.FloatLit(Double.NEGATIVE_INFINITY, t.line(), t.column());
            }
            throw error(n, "expected a number after '-'");
        }
        switch (t.kind()) {
            case INT:
                next();
                return new Node.IntLit(parseInt(t), t.line(), t.column());
            case FLOAT:
                next();
                return new Node.FloatLit(Double.parseDouble(t.text()), t.line(), t.column());
            case STRING:
                next();
                return new Node.StringLit(t.text(), t.line(), t.column());
            case DATA:
                next();
                return new Node.DataLit(t.bytes(), t.line(), t.column());
            default:
                break;
        }
        if (t.is("[")) {
            next();
            List<ValueExpr> items = new ArrayList<>();
            if (!optional("]")) {
                do {
                    items.add(value());
                } while (optional(","));
                expect("]");
            }
            return new Node.ListLit(items, t.line(), t.column());
        }
        if (t.is("(")) {
            next();
            List<String> names = new ArrayList<>();
            List<ValueExpr> values = new ArrayList<>();
            if (!optional(")")) {
                do {
                    names.add(ident("field name").text());
                    expect("=");
                    values.add(value());
                } while (optional(","));
                expect(")");
            }
            return new Node.StructLit(names, values, t.line(), t.column());
        }
        if (t.kind() == Kind.IDENT || t.is(".")) {
            return new Node.NameRef(typeExpr(), t.line(), t.column());
        }
        throw error(t, "expected a value, got " + t.describe());
    }

    private BigInteger parseInt(Token t) {
        String s = t.text();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return new BigInteger(s.substring(2), 16);
        }
        if (s.length() > 1 && s.startsWith("0")) {
            return new BigInteger(s.substring(1), 8);
        }
        return new BigInteger(s);
    }

    private void optionalId(Node n) {
        if (peek().kind() == Kind.ID) {
            n.id = parseId(next());
        }
    }

    private long parseId(Token t) {
        BigInteger v = new BigInteger(t.text(), 16);
        if (v.bitLength() > 64 || !v.testBit(63)) {
            throw error(t, "invalid id @0x" + t.text() + ": ids are 64-bit with the high bit set");
        }
        return v.longValue();
    }

    private void typeParams(Node n) {
        if (optional("(")) {
            do {
                n.typeParams.add(ident("type parameter").text());
            } while (optional(","));
            expect(")");
        }
    }

    private int ordinal(String of) {
        Token t = next();
        if (t.kind() != Kind.ORDINAL) {
            throw error(t, "expected '@N' (the ordinal of '" + of + "'), got " + t.describe());
        }
        return Integer.parseInt(t.text());
    }

    private Token ident(String what) {
        Token t = next();
        if (t.kind() != Kind.IDENT) {
            throw error(t, "expected " + what + ", got " + t.describe());
        }
        return t;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean optional(String symbol) {
        if (peek().is(symbol)) {
            next();
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        Token t = peek();
        if (!t.is(symbol)) {
            throw error(t, "expected '" + symbol + "', got " + t.describe());
        }
        next();
    }

    private SchemaException error(Token t, String message) {
        return new SchemaException(file, t.line(), t.column(), message);
    }
}
