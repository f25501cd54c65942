// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.testing.TestSchemas;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaParserTest {

    @Test
    void fieldIdsAreScopeIndicesNotOrdinals() {
        StructSchema s = SchemaParser.parse(TestSchemas.path("b3.capnp")).struct("S");
        assertEquals(List.of("g", "u", "p", "q"), s.fields().stream().map(Field::name).toList());
        assertEquals(List.of(0, 1, 2, 3), s.fields().stream().map(Field::index).toList());
        StructSchema g = (StructSchema) s.field("g").orElseThrow().type();
        StructSchema u = (StructSchema) s.field("u").orElseThrow().type();
        assertTrue(g.isGroup());
        assertEquals(0, g.field("a").orElseThrow().index());
        assertEquals(0, u.field("x").orElseThrow().index());
        assertEquals(1, u.field("y").orElseThrow().index());
        assertTrue(u.field("x").orElseThrow().inUnion());
        assertTrue(s.field("p").orElseThrow().inUnion());
        assertFalse(s.field("g").orElseThrow().inUnion());
        assertEquals(3, s.field("p").orElseThrow().ordinal());
    }

    @Test
    void groupTakesTheSlotOfItsLowestOrdinal() {
        Schema schema = SchemaParser.parse("order.capnp", """
                @0xe1b3c5d7f9a2b4c6;
                struct T {
                  late @3 :Text;
                  g :group { b @1 :Int32; c @4 :Int32; }
                  first @0 :Text;
                  h :group { d @2 :Int32; }
                }
                """);
        StructSchema t = schema.struct("T");
        assertEquals(List.of("first", "g", "h", "late"), t.fields().stream().map(Field::name).toList());
    }

    @Test
    void nestedDeclarationsEnumsAndQualifiedNames() {
        Schema schema = SchemaParser.parse(TestSchemas.path("everything.capnp"));
        StructSchema deeper = schema.struct("Everything.Inner.Deeper");
        assertEquals("Deeper", deeper.name());
        assertEquals(PrimitiveType.BOOL, deeper.field("flag").orElseThrow().type());
        Field texts = schema.struct("Everything").field("texts").orElseThrow();
        assertEquals(new ListType(PrimitiveType.TEXT), texts.type());
        assertEquals("a list", texts.annotations().get(0).value());
        assertEquals("label", texts.annotations().get(0).annotation().name());
        assertEquals("List(List(Int16))", schema.struct("Everything").field("nestedLists").orElseThrow().type().displayName());
        Field boxed = schema.struct("Everything").field("boxed").orElseThrow();
        assertEquals("Box(Text)", boxed.type().displayName());
        assertEquals(PrimitiveType.TEXT, ((StructSchema) boxed.type()).field("value").orElseThrow().type());
        assertEquals("anonymous", schema.constant("defaultName").value());
        assertEquals("all types", schema.struct("Everything").annotations().get(0).value());
    }

    @Test
    void interfacesMethodsAndInheritance() {
        Schema schema = SchemaParser.parse(TestSchemas.path("calculator.capnp"));
        InterfaceSchema calc = schema.iface("Calculator");
        InterfaceSchema named = schema.iface("Named");
        assertEquals(List.of(named), calc.superclasses());
        Method add = calc.method("add").orElseThrow().method();
        assertEquals(0, add.index());
        assertEquals(List.of("a", "b"), add.params().fields().stream().map(Field::name).toList());
        assertEquals(PrimitiveType.INT64, add.results().field("sum").orElseThrow().type());
        Method evaluate = calc.method("evaluate").orElseThrow().method();
        assertTrue(evaluate.paramsDeclared());
        assertEquals(schema.struct("Expression"), evaluate.params());
        InterfaceSchema.MethodRef inherited = calc.method("name").orElseThrow();
        assertEquals(named, inherited.declaringInterface());
        assertEquals(inherited, calc.method(named.id(), 0).orElseThrow());
        assertEquals(Optional.empty(), calc.method(calc.id(), 99));
        assertEquals(schema.iface("Listener"),
                calc.method("countdown").orElseThrow().method().params().field("listener").orElseThrow().type());
    }

    @Test
    void idsAreExplicitOrDerivedFromTheParentAsCapnpDerivesThem() {
        Schema schema = SchemaParser.parse(TestSchemas.path("calculator.capnp"));
        assertEquals(0xc4a2e6b8d0f1a3b5L, schema.fileId());
        long derived = schema.iface("Calculator").id();
        assertTrue(derived < 0, "high bit set");
        assertEquals(TypeIds.childId(0xc4a2e6b8d0f1a3b5L, "Calculator"), derived);
        assertEquals(derived, SchemaParser.parse(TestSchemas.path("calculator.capnp")).iface("Calculator").id());
        Schema cara = SchemaParser.parse("c.capnp", """
                @0xe1b3c5d7f9a2b4c6;
                using Cara = import "/capnp/cara.capnp";
                struct Registered $Cara.registerGlobally {}
                """);
        assertEquals(0xebd6c4912189be2cL, cara.struct("Registered").annotations().get(0).annotation().id());
    }

    @Test
    void genericMethodsAndUnboundParameters() {
        Schema schema = SchemaParser.parse("gen.capnp", """
                @0xe1b3c5d7f9a2b4c6;
                struct Pair(K, V) { key @0 :K; value @1 :V; }
                interface Store(T) {
                  get @0 [U] (key :Text, hint :U) -> (value :T);
                }
                """);
        assertEquals(new TypeParameter("K"), schema.struct("Pair").field("key").orElseThrow().type());
        Method get = schema.iface("Store").methods().get(0);
        assertEquals(List.of("U"), get.typeParameters());
        assertEquals(new TypeParameter("T"), get.results().field("value").orElseThrow().type());
    }

    @Test
    void errorsNameFileLineAndColumn() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A {\n  x @0 :Strin;\n}\n", "bad.capnp:3:9: unknown name 'Strin'"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A {\n  x @0 :Text;\n  y @0 :Text;\n}\n",
                        "bad.capnp:4:3: duplicate ordinal number @0 (field 'y'; first used by 'x' at line 3)"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A {\n  x @0 :Text;\n  y @2 :Text;\n}\n",
                        "bad.capnp:4:3: skipped ordinal @1 (field 'y' is @2); ordinals must be sequential with no holes"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A {\n  x @0 :Text\n}\n", "bad.capnp:4:1: expected ';', got '}'"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A {\n  x @0 :Int8 = 300;\n}\n",
                        "bad.capnp:3:16: value: 300 is out of range for Int8"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nenum E { a @0; b @1; }\nstruct A {\n  e @0 :E = c;\n}\n",
                        "bad.capnp:4:13: E has no enumerant 'c'"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A {\n  union {\n    x @0 :Text;\n  }\n}\n",
                        "bad.capnp:3:3: a union must have at least two members"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nusing X = import \"missing.capnp\";\nstruct A { x @0 :X.Y; }\n",
                        "bad.capnp:2:11: import \"missing.capnp\" not found"),
                Map.entry("struct A {}\n", "bad.capnp:1:1: file has no unique id"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\ninterface I extends(A) {}\nstruct A {}\n",
                        "bad.capnp:2:21: 'A' is not an interface"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A { s @0 :Text = \"open; }\n",
                        "bad.capnp:2:25: unterminated string literal"),
                Map.entry("@0xe1b3c5d7f9a2b4c6;\nstruct A { x @0 :List; }\n",
                        "bad.capnp:2:18: List needs one element type: List(T)"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            SchemaException e = assertThrows(SchemaException.class, () -> SchemaParser.parse("bad.capnp", c.getKey()),
                    c.getValue());
            assertTrue(e.getMessage().startsWith(c.getValue()), "expected '" + c.getValue() + "', got '" + e.getMessage() + "'");
            assertEquals("bad.capnp", e.file());
        }
    }

    @Test
    void importedFilesReportTheirOwnName() {
        SchemaException e = assertThrows(SchemaException.class, () -> SchemaParser.parse(
                new SchemaParser.Source("main.capnp", "@0xe1b3c5d7f9a2b4c6;\nusing O = import \"other.capnp\";\n"
                        + "struct A { x @0 :O.B; }\n"),
                (from, path) -> Optional.of(new SchemaParser.Source("other.capnp",
                        "@0xf1b3c5d7f9a2b4c6;\nstruct B {\n  y @0 :Nope;\n}\n"))));
        assertEquals("other.capnp:3:9: unknown name 'Nope'", e.getMessage());
    }

    @Test
    void cxxAnnotationsAndAliasesLoad() {
        Schema schema = SchemaParser.parse("cxx.capnp", """
                @0xe1b3c5d7f9a2b4c6;
                using Cxx = import "/capnp/c++.capnp";
                $Cxx.namespace("demo");
                struct A $Cxx.name("Alpha") { x @0 :Int32 = 0x10; y @1 :Float32 = -inf; z @2 :Text = "a\\tb\\x41"; }
                using Alias = A;
                struct B { a @0 :Alias = (x = 1); }
                const pi :Float64 = 3.14159;
                """);
        StructSchema a = schema.struct("A");
        assertEquals("Alpha", a.annotations().get(0).value());
        assertEquals(16, a.field("x").orElseThrow().defaultValue());
        assertEquals(Float.NEGATIVE_INFINITY, a.field("y").orElseThrow().defaultValue());
        assertEquals("a\tbA", a.field("z").orElseThrow().defaultValue());
        assertEquals(a, schema.struct("B").field("a").orElseThrow().type());
        assertEquals(3.14159, schema.constant("pi").value());
    }

    @Test
    void hundredThousandDeepNestingIsASchemaErrorNotAStackOverflow() {
        int n = 100_000;
        String structs = "@0xa1b2c3d4e5f60718;\n" + "struct A { ".repeat(n) + "}".repeat(n);
        SchemaException e = assertThrows(SchemaException.class, () -> SchemaParser.parse("deep.capnp", structs));
        assertTrue(e.getMessage().contains("nested deeper than " + SchemaParser.MAX_NESTING + " levels"), e.getMessage());
        assertTrue(e.getMessage().startsWith("deep.capnp:2:"), e.getMessage());

        String types = "@0xa1b2c3d4e5f60718;\nstruct A { f @0 :" + "List(".repeat(n) + "Int8" + ")".repeat(n) + "; }";
        e = assertThrows(SchemaException.class, () -> SchemaParser.parse("types.capnp", types));
        assertTrue(e.getMessage().contains("type arguments nested deeper than"), e.getMessage());

        String values = "@0xa1b2c3d4e5f60718;\nconst c :List(Int8) = " + "[".repeat(n) + "]".repeat(n) + ";";
        e = assertThrows(SchemaException.class, () -> SchemaParser.parse("values.capnp", values));
        assertTrue(e.getMessage().contains("values nested deeper than"), e.getMessage());

        String groups = "@0xa1b2c3d4e5f60718;\nstruct A { " + "g :group { ".repeat(n) + "}".repeat(n) + " }";
        e = assertThrows(SchemaException.class, () -> SchemaParser.parse("groups.capnp", groups));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void realisticNestingStaysWellBelowTheLimit() {
        int n = 20;
        String structs = "@0xa1b2c3d4e5f60718;\n" + "struct A { ".repeat(n) + "x @0 :List(List(List(Int8))) = [[[1]]];"
                + "}".repeat(n);
        assertTrue(SchemaParser.parse("ok.capnp", structs).toString() != null);
    }
}
