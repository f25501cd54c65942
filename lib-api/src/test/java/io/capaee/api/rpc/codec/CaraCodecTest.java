// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codec;

import static io.capaee.testing.TestSchemas.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.testing.TestSchemas;
import io.capaee.api.rpc.schema.DynamicEnum;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.SchemaParser;
import io.capaee.api.rpc.schema.StructSchema;
import io.capaee.api.rpc.schema.ValueException;
import io.capaee.api.rpc.schema.VoidValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class CaraCodecTest {
    private final Schema b3 = SchemaParser.parse(TestSchemas.path("b3.capnp"));
    private final CaraCodec codec = CaraCodec.lenient();

    @Test
    void b3FirstExampleOneTextField() {
        DynamicStruct s = b3.struct("MyStruct").newValue().set("field", "some different text");
        assertEquals("81 00 b3 " + hex("'some different text'".replace("'", "").getBytes()),
                hex(codec.encode(s)));
        assertArrayEquals(hex("81 00 b3 'some different text'"), codec.encode(s));
    }

    @Test
    void b3SecondExampleEveryKindOfField() {
        StructSchema my = b3.struct("MyStruct");
        DynamicStruct s = my.newValue().set("field", "x");
        s.struct("nested").set("integer", 2);
        s.set("color", "green").set("blob", new byte[] {1}).set("ints", List.of(1, 2));
        byte[] expected = hex("85 00 a1 78 01 81 00 02 02 01 03 c4 01 01 04 92 01 02");
        assertArrayEquals(expected, codec.encode(s));
        DynamicStruct back = codec.decode(my, expected);
        assertEquals(s, back);
        assertEquals("x", back.get("field"));
        assertEquals(2, ((DynamicStruct) back.get("nested")).get("integer"));
        assertEquals("green", ((DynamicEnum) back.get("color")).name());
        assertArrayEquals(new byte[] {1}, (byte[]) back.get("blob"));
        assertEquals(List.of(1, 2), back.get("ints"));
        assertArrayEquals(expected, codec.encode(back));
    }

    @Test
    void b3ThirdExampleEmptyNestedStruct() {
        DynamicStruct s = b3.struct("MyStruct").newValue();
        s.struct("nested");
        assertArrayEquals(hex("81 01 80"), codec.encode(s));
        assertEquals(s, codec.decode(b3.struct("MyStruct"), hex("81 01 80")));
    }

    @Test
    void b3FourthExampleGroupsAndUnionsInSetOrder() {
        StructSchema schema = b3.struct("S");
        DynamicStruct s = schema.newValue().set("q", "data".getBytes());
        s.struct("g").set("a", "t");
        s.struct("u").set("y", 2);
        byte[] expected = hex("83 03 c4 04 'data' 00 81 00 a1 74 01 81 01 02");
        assertArrayEquals(expected, codec.encode(s));
        DynamicStruct back = codec.decode(schema, expected);
        assertEquals("q", back.which());
        assertEquals("y", back.struct("u").which());
        assertEquals(2L, back.struct("u").get("y"));
        assertArrayEquals(expected, codec.encode(back));
    }

    @Test
    void settingAUnionMemberClearsTheOthers() {
        DynamicStruct s = b3.struct("S").newValue().set("p", 7).set("q", new byte[] {9});
        assertEquals("q", s.which());
        assertArrayEquals(hex("81 03 c4 01 09"), codec.encode(s));
    }

    @Test
    void dataIsAlsoReadFromTheStrFamilyAsOldWritersWroteIt() {
        DynamicStruct s = codec.decode(b3.struct("MyStruct"), hex("81 03 a3 'abc'"));
        assertArrayEquals("abc".getBytes(), (byte[]) s.get("blob"));
        assertArrayEquals(hex("81 03 c4 03 'abc'"), codec.encode(s));
    }

    @Test
    void textIsAlsoReadFromBin() {
        assertEquals("hi", codec.decode(b3.struct("MyStruct"), hex("81 00 c4 02 'hi'")).get("field"));
    }

    @Test
    void digitStringKeysFromJsonRoundTripsAreAccepted() {
        assertEquals("x", codec.decode(b3.struct("MyStruct"), hex("81 a1 '0' a1 'x'")).get("field"));
    }

    @Test
    void unknownFieldsAreKeptAndWrittenBackUnlessStrict() {
        Schema v1 = SchemaParser.parse(TestSchemas.path("evolution_v1.capnp"));
        Schema v2 = SchemaParser.parse(TestSchemas.path("evolution_v2.capnp"));
        DynamicStruct newer = v2.struct("Person").newValue().set("name", "Ada").set("email", "ada@example.org")
                .set("mood", "grumpy");
        newer.struct("address").set("city", "London");
        byte[] written = codec.encode(newer);

        DynamicStruct old = codec.decode(v1.struct("Person"), written);
        assertEquals("Ada", old.get("name"));
        assertEquals(2, ((DynamicEnum) old.get("mood")).ordinal());
        assertNull(((DynamicEnum) old.get("mood")).name());
        assertEquals(2, old.unknownFields().size());
        old.set("age", 36);

        DynamicStruct roundTripped = codec.decode(v2.struct("Person"), codec.encode(old));
        assertEquals("ada@example.org", roundTripped.get("email"));
        assertEquals("London", roundTripped.struct("address").get("city"));
        assertEquals("grumpy", ((DynamicEnum) roundTripped.get("mood")).name());
        assertEquals(36, roundTripped.get("age"));

        DecodeException strict = assertThrows(DecodeException.class,
                () -> CaraCodec.strict().decode(v1.struct("Person"), written));
        assertTrue(strict.getMessage().contains("unknown field id"), strict.getMessage());
    }

    @Test
    void newReaderReadsOldDataWithMissingFieldsAbsent() {
        Schema v1 = SchemaParser.parse(TestSchemas.path("evolution_v1.capnp"));
        Schema v2 = SchemaParser.parse(TestSchemas.path("evolution_v2.capnp"));
        byte[] old = codec.encode(v1.struct("Person").newValue().set("name", "Bob").set("age", 40).set("mood", "happy"));
        DynamicStruct read = CaraCodec.strict().decode(v2.struct("Person"), old);
        assertEquals("Bob", read.get("name"));
        assertEquals(40, read.get("age"));
        assertNull(read.get("email"));
        assertTrue(read.unknownFields().isEmpty());
    }

    @Test
    void strictModeRefusesUnknownEnumerantsAndTwoUnionMembers() {
        Schema v1 = SchemaParser.parse(TestSchemas.path("evolution_v1.capnp"));
        assertThrows(DecodeException.class, () -> CaraCodec.strict().decode(v1.struct("Person"), hex("81 02 05")));
        DecodeException e = assertThrows(DecodeException.class,
                () -> CaraCodec.strict().decode(b3.struct("S"), hex("82 02 01 03 c4 00")));
        assertTrue(e.getMessage().contains("both set"), e.getMessage());
        assertEquals("q", codec.decode(b3.struct("S"), hex("82 02 01 03 c4 00")).which());
    }

    @Test
    void wrongTypesAndTruncatedInputAreClearErrors() {
        DecodeException wrong = assertThrows(DecodeException.class,
                () -> codec.decode(b3.struct("MyStruct"), hex("81 00 05")));
        assertEquals("MyStruct.field: expected Text, got integer (posfixint)", wrong.getMessage());
        DecodeException notMap = assertThrows(DecodeException.class,
                () -> codec.decode(b3.struct("MyStruct"), hex("92 01 02")));
        assertTrue(notMap.getMessage().startsWith("MyStruct: expected a map"), notMap.getMessage());
        assertThrows(DecodeException.class, () -> codec.decode(b3.struct("MyStruct"), hex("82 00 a1")));
        DecodeException range = assertThrows(DecodeException.class,
                () -> codec.decode(b3.struct("S"), hex("81 02 cd 01 00")));
        assertTrue(range.getMessage().contains("out of range for Int8"), range.getMessage());
        DecodeException wide = assertThrows(DecodeException.class,
                () -> codec.decode(b3.struct("S"), hex("81 02 cf 00 00 00 00 00 00 01 2c")));
        assertTrue(wide.getMessage().contains("300 is out of range for Int8"), wide.getMessage());
        Schema v1 = SchemaParser.parse(TestSchemas.path("everything.capnp"));
        DecodeException negative = assertThrows(DecodeException.class,
                () -> codec.decode(v1.struct("Everything"), hex("81 09 ff")));
        assertTrue(negative.getMessage().contains("-1 is out of range for UInt64"), negative.getMessage());
        assertEquals(-1L, codec.decode(v1.struct("Everything"), hex("81 09 cf ff ff ff ff ff ff ff ff")).get("uint64Field"));
        assertThrows(ValueException.class, () -> b3.struct("S").newValue().set("p", 200));
        assertThrows(ValueException.class, () -> b3.struct("MyStruct").newValue().set("color", "purple"));
        assertThrows(ValueException.class, () -> b3.struct("MyStruct").newValue().set("nope", 1));
    }

    @Test
    void everyTypeRoundTripsAndMatchesAHandWrittenMap() throws Exception {
        Schema schema = SchemaParser.parse(TestSchemas.path("everything.capnp"));
        StructSchema everything = schema.struct("Everything");
        DynamicStruct s = everything.newValue()
                .set("voidField", VoidValue.VOID).set("boolField", false).set("int8Field", -128)
                .set("int16Field", 32767).set("int32Field", -70000).set("int64Field", Long.MIN_VALUE)
                .set("uint8Field", 255).set("uint16Field", 65535).set("uint32Field", 4294967295L)
                .set("uint64Field", -1L).set("float32Field", 0.1f).set("float64Field", 2.5)
                .set("textField", "héllo").set("dataField", new byte[] {0, 1})
                .set("structField", Map.of("low", 1, "high", 2)).set("enumField", "medium")
                .set("texts", List.of("a", "b")).set("nestedLists", List.of(List.of(1, 2), List.of()))
                .set("structs", List.of(Map.of("low", 3))).set("enums", List.of("low"));
        s.struct("inner").set("name", "in").struct("deeper").set("flag", true);
        s.struct("boxed").set("value", "boxed text").set("label", "l");
        s.set("anything", List.of(1, "two"));

        byte[] bytes = codec.encode(s);
        DynamicStruct back = CaraCodec.strict().decode(everything, bytes);
        assertEquals(s.toString().replace("anything=[1, two]", "anything=[1,\"two\"]"), back.toString());
        assertArrayEquals(bytes, codec.encode(back));

        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(23);
            p.packInt(0).packNil();
            p.packInt(1).packBoolean(false);
            p.packInt(2).packInt(-128);
            p.packInt(3).packInt(32767);
            p.packInt(4).packInt(-70000);
            p.packInt(5).packLong(Long.MIN_VALUE);
            p.packInt(6).packInt(255);
            p.packInt(7).packInt(65535);
            p.packInt(8).packLong(4294967295L);
            p.packInt(9).packBigInteger(new java.math.BigInteger("18446744073709551615"));
            p.packInt(10).packDouble(0.1);
            p.packInt(11).packDouble(2.5);
            p.packInt(12).packString("héllo");
            p.packInt(13).packBinaryHeader(2).writePayload(new byte[] {0, 1});
            p.packInt(14).packMapHeader(2);
            // a Map's iteration order decides the order of a struct built from it
            Map<String, Integer> range = Map.of("low", 1, "high", 2);
            for (String k : range.keySet()) {
                p.packInt(k.equals("low") ? 0 : 1).packInt(range.get(k));
            }
            p.packInt(15).packInt(1);
            p.packInt(16).packArrayHeader(2).packString("a").packString("b");
            p.packInt(17).packArrayHeader(2).packArrayHeader(2).packInt(1).packInt(2).packArrayHeader(0);
            p.packInt(18).packArrayHeader(1).packMapHeader(1).packInt(0).packInt(3);
            p.packInt(19).packArrayHeader(1).packInt(0);
            p.packInt(20).packMapHeader(2).packInt(0).packString("in").packInt(1).packMapHeader(1).packInt(0)
                    .packBoolean(true);
            p.packInt(21).packMapHeader(2).packInt(0).packString("boxed text").packInt(1).packString("l");
            p.packInt(22).packArrayHeader(2).packInt(1).packString("two");
            assertEquals(hex(p.toByteArray()), hex(bytes));
        }
    }

    @Test
    void defaultsAreReadButNeverWritten() {
        Schema schema = SchemaParser.parse(TestSchemas.path("everything.capnp"));
        DynamicStruct empty = schema.struct("Everything").newValue();
        assertEquals(true, empty.get("boolField"));
        assertEquals(-8, empty.get("int8Field"));
        assertEquals(1.5, empty.get("float64Field"));
        assertEquals("anonymous", empty.get("textField"));
        assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, (byte[]) empty.get("dataField"));
        assertEquals(-5, ((DynamicStruct) empty.get("structField")).get("low"));
        assertEquals("high", ((DynamicEnum) empty.get("enumField")).name());
        assertEquals(2, ((List<?>) empty.get("enums")).size());
        assertNull(empty.get("int16Field"));
        assertArrayEquals(hex("80"), codec.encode(empty));
    }

    @Test
    void shapeUnionsAndGroupsNest() {
        StructSchema shape = SchemaParser.parse(TestSchemas.path("everything.capnp")).struct("Shape");
        DynamicStruct s = shape.newValue().set("name", "r");
        s.struct("rectangle").set("width", 2.0).set("height", 3.0);
        s.struct("style").set("colored", "high");
        s.struct("position").set("x", 1);
        // ids: name 0, circle 1, rectangle 2, nothing 3, style 4, position 5
        assertArrayEquals(hex("84 00 a1 'r' 02 82 00 cb 40 00 00 00 00 00 00 00 01 cb 40 08 00 00 00 00 00 00"
                + " 04 81 01 02 05 81 00 01"), codec.encode(s));
        s.set("circle", 1.0);
        assertEquals("circle", s.which());
        assertTrue(!s.has("rectangle"));
    }

    @Test
    void boundGenericsEncodeAsTheSubstitutedType() {
        Schema schema = SchemaParser.parse(TestSchemas.path("everything.capnp"));
        DynamicStruct s = schema.struct("Everything").newValue();
        assertThrows(ValueException.class, () -> s.struct("boxed").set("value", 5));
        DynamicStruct unbound = SchemaParser.parse("g.capnp", "@0xe1b3c5d7f9a2b4c6; struct Box(T) { value @0 :T; }")
                .struct("Box").newValue().set("value", 5);
        assertArrayEquals(hex("81 00 05"), codec.encode(unbound));
    }

    /** A length header claiming more than the input holds fails at once, before anything is allocated. */
    @Test
    void valuesNestedDeeperThanTheReaderAcceptsAreNotWrittenNorOverflowTheStack() {
        StructSchema everything = SchemaParser.parse(TestSchemas.path("everything.capnp")).struct("Everything");
        Object deep = List.of();
        for (int i = 0; i < 100_000; i++) {
            deep = List.of(deep);
        }
        DynamicStruct s = everything.newValue().set("anything", deep);

        EncodeException e = assertThrows(EncodeException.class, () -> codec.encode(s));

        assertTrue(e.getMessage().contains("nested deeper than " + CaraCodec.MAX_DEPTH + " levels"), e.getMessage());
    }

    @Test
    void nestingTheReaderAcceptsIsWritten() {
        StructSchema everything = SchemaParser.parse(TestSchemas.path("everything.capnp")).struct("Everything");
        Object nested = List.of();
        for (int i = 0; i < 10; i++) {
            nested = List.of(nested);
        }

        byte[] bytes = codec.encode(everything.newValue().set("anything", nested));

        assertTrue(codec.decode(everything, bytes).has("anything"));
    }

    private void assertRefusedFast(StructSchema schema, String bytes, String path) {
        DecodeException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(DecodeException.class, () -> codec.decode(schema, hex(bytes))));
        assertTrue(e.getMessage().startsWith(path + ":"), e.getMessage());
    }

    @Test
    void hugeHeadersOnUnknownFieldsAreRefusedWithoutAllocating() {
        StructSchema my = b3.struct("MyStruct");
        // {99: array32(0x7fffffff)}: msgpack's unpackValue would allocate Value[2^31-1]
        assertRefusedFast(my, "81 63 dd 7f ff ff ff", "MyStruct.99");
        assertRefusedFast(my, "81 63 dd 7f ff ff ff 01 02", "MyStruct.99");
        // map32 and ext32 lengths near 2^31 overflow skipValue's element count
        assertRefusedFast(my, "81 63 df 7f ff ff ff", "MyStruct.99");
        assertRefusedFast(my, "81 63 92 01 df 7f ff ff ff 01 02 03", "MyStruct.99");
        assertRefusedFast(my, "81 63 c9 7f ff ff ff 01 02", "MyStruct.99");
        assertRefusedFast(my, "81 63 91 c6 7f ff ff ff", "MyStruct.99");
        assertRefusedFast(my, "81 63 db 7f ff ff ff", "MyStruct.99");
        // and an unknown value that does fit is still kept and written back byte for byte
        byte[] kept = hex("82 00 a1 'x' 63 94 c4 02 01 02 81 a1 'k' 05 c0 d6 ff 00 00 00 01");
        DynamicStruct s = codec.decode(my, kept);
        assertEquals("x", s.get("field"));
        assertEquals(1, s.unknownFields().size());
        assertArrayEquals(kept, codec.encode(s));
    }

    @Test
    void hugeDataAndTextHeadersAreRefusedWithoutAllocating() {
        StructSchema my = b3.struct("MyStruct");
        assertRefusedFast(my, "81 03 c6 7f ff ff ff", "MyStruct.blob");
        assertRefusedFast(my, "81 03 db 7f ff ff ff", "MyStruct.blob");
        assertRefusedFast(my, "81 00 db 7f ff ff ff", "MyStruct.field");
        assertRefusedFast(my, "81 00 c6 7f ff ff ff 01", "MyStruct.field");
        assertRefusedFast(my, "81 db 7f ff ff ff 00", "MyStruct");
    }

    @Test
    void hugeListAndMapHeadersAreRefusedWithoutAllocating() {
        StructSchema my = b3.struct("MyStruct");
        assertRefusedFast(my, "81 04 dd 7f ff ff ff", "MyStruct.ints");
        assertRefusedFast(my, "81 04 dd 7f ff ff ff 01 02 03", "MyStruct.ints");
        assertRefusedFast(my, "df 7f ff ff ff", "MyStruct");
        assertRefusedFast(my, "81 01 df 7f ff ff ff", "MyStruct.nested");
        StructSchema everything = SchemaParser.parse(TestSchemas.path("everything.capnp")).struct("Everything");
        assertRefusedFast(everything, "81 16 dd 7f ff ff ff", "Everything.anything");
        assertRefusedFast(everything, "81 11 92 dd 7f ff ff ff", "Everything.nestedLists[0]");
    }

    /** {@code n} maps, each the only value of field {@code key} of the one before, ending in nil. */
    private static byte[] nestedMaps(int n, int key) {
        byte[] b = new byte[2 * n + 1];
        for (int i = 0; i < 2 * n; i += 2) {
            b[i] = (byte) 0x81;
            b[i + 1] = (byte) key;
        }
        b[2 * n] = (byte) 0xc0;
        return b;
    }

    @Test
    void hundredThousandDeepUnknownFieldIsADecodeErrorNotAStackOverflow() {
        StructSchema my = b3.struct("MyStruct");
        DecodeException e = assertThrows(DecodeException.class, () -> codec.decode(my, nestedMaps(100_000, 9)));
        assertTrue(e.getMessage().contains("nested deeper than " + CaraCodec.MAX_DEPTH + " levels"), e.getMessage());
        byte[] arrays = new byte[100_003];
        arrays[0] = (byte) 0x81;
        arrays[1] = 0x09;
        java.util.Arrays.fill(arrays, 2, arrays.length - 1, (byte) 0x91);
        arrays[arrays.length - 1] = (byte) 0xc0;
        e = assertThrows(DecodeException.class, () -> codec.decode(my, arrays));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
        e = assertThrows(DecodeException.class, () -> CaraCodec.strict().decode(my, nestedMaps(100_000, 9)));
        assertTrue(e.getMessage().contains("unknown field id 9"), e.getMessage());
    }

    @Test
    void hundredThousandDeepRecursiveStructIsADecodeError() {
        StructSchema node = SchemaParser.parse("node.capnp", """
                @0xd4c3b2a1f0e9d8c7;
                struct Node { child @0 :Node; children @1 :List(Node); }
                """).struct("Node");
        DecodeException e = assertThrows(DecodeException.class, () -> codec.decode(node, nestedMaps(100_000, 0)));
        assertTrue(e.getMessage().contains("nested deeper than " + CaraCodec.MAX_DEPTH + " levels"), e.getMessage());
        // up to the limit it decodes and writes back the same bytes
        byte[] atLimit = nestedMaps(CaraCodec.MAX_DEPTH - 1, 0);
        atLimit[atLimit.length - 1] = (byte) 0x80; // the innermost, 64th map is empty
        assertArrayEquals(atLimit, codec.encode(codec.decode(node, atLimit)));
        byte[] overLimit = nestedMaps(CaraCodec.MAX_DEPTH, 0);
        overLimit[overLimit.length - 1] = (byte) 0x80;
        assertThrows(DecodeException.class, () -> codec.decode(node, overLimit));
        // lists count as levels too: {1: [ {1: [ ... ]} ]}
        byte[] lists = new byte[3 * 100_000 + 1];
        for (int i = 0; i < lists.length - 1; i += 3) {
            lists[i] = (byte) 0x81;
            lists[i + 1] = 0x01;
            lists[i + 2] = (byte) 0x91;
        }
        lists[lists.length - 1] = (byte) 0x80;
        e = assertThrows(DecodeException.class, () -> codec.decode(node, lists));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void aPayloadLengthBeyondTheInputIsRefusedBeforeAnythingIsAllocated() {
        // bin32, str32 and ext32 headers claiming about 2 GiB, followed by two bytes (CVE-2026-21452's shape)
        for (String hostile : new String[] {"81 00 c6 7f ff ff ff 'ab'", "81 00 db 7f ff ff ff 'ab'",
                "81 00 db ff ff ff ff 'ab'", "81 09 c9 7f ff ff ff 01 'ab'", "81 09 dd 7f ff ff ff 01"}) {
            assertThrows(DecodeException.class, () -> codec.decode(b3.struct("MyStruct"), hex(hostile)), hostile);
        }
    }
}
