// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.codegen;

import io.capaee.api.rpc.schema.SchemaParser;
import static io.capaee.testing.TestSchemas.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.rpc.RpcChannel;
import io.capaee.testing.TestSchemas;
import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.codec.DecodeException;
import io.capaee.api.rpc.generated.Answer;
import io.capaee.api.rpc.generated.Box;
import io.capaee.api.rpc.generated.Calculator;
import io.capaee.api.rpc.generated.Everything;
import io.capaee.api.rpc.generated.Expression;
import io.capaee.api.rpc.generated.Level;
import io.capaee.api.rpc.generated.Listener;
import io.capaee.api.rpc.generated.Mood;
import io.capaee.api.rpc.generated.MyStruct;
import io.capaee.api.rpc.generated.Operator;
import io.capaee.api.rpc.generated.Person;
import io.capaee.api.rpc.generated.Range;
import io.capaee.api.rpc.generated.S;
import io.capaee.api.rpc.generated.Shape;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.ValueException;
import io.capaee.api.rpc.schema.VoidValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedRecordsTest {

    @Test
    void recordsEncodeTheB3ExamplesByteForByte() {
        MyStruct m = new MyStruct("x", new MyStruct.Nested(2), MyStruct.Color.green, new byte[] {1}, List.of(1, 2));
        byte[] expected = hex("85 00 a1 78 01 81 00 02 02 01 03 c4 01 01 04 92 01 02");
        assertArrayEquals(expected, m.encode());
        MyStruct back = MyStruct.decode(expected);
        assertEquals("x", back.field());
        assertEquals(2, back.nested().integer());
        assertEquals(MyStruct.Color.green, back.color());
        assertEquals(List.of(1, 2), back.ints());
        assertArrayEquals(hex("81 00 b3 'some different text'"),
                new MyStruct("some different text", null, null, null, null).encode());
        assertArrayEquals(hex("81 01 80"), new MyStruct(null, new MyStruct.Nested(null), null, null, null).encode());
        // records write fields in id order; cara writes them in set order: same map, other order
        S s = new S(new S.G("t"), new S.U(null, 2L), null, "data".getBytes());
        assertArrayEquals(hex("83 00 81 00 a1 74 01 81 01 02 03 c4 04 'data'"), s.encode());
        assertEquals(2L, S.decode(hex("83 03 c4 04 'data' 00 81 00 a1 74 01 81 01 02")).u().y());
    }

    @Test
    void everyTypeRoundTripsThroughRecordsAndDynamicValues() {
        Everything e = new Everything(VoidValue.VOID, false, -128, 32767, -70000, Long.MIN_VALUE, 255, 65535,
                4294967295L, -1L, 0.1f, 2.5, "héllo", new byte[] {0, 1}, new Range(1, 2), Level.medium,
                List.of("a", "b"), List.of(List.of(1, 2), List.of()), List.of(new Range(3, null)), List.of(Level.low),
                new Everything.Inner("in", new Everything.Inner.Deeper(true)), new Box("boxed text", "l"), null);
        byte[] bytes = e.encode();
        DynamicStruct dynamic = CaraCodec.strict().decode(Everything.SCHEMA, bytes);
        assertEquals("héllo", dynamic.get("textField"));
        assertEquals(-1L, dynamic.get("uint64Field"));
        Everything back = Everything.decode(bytes);
        assertArrayEquals(bytes, back.encode());
        assertEquals(e.structs(), back.structs());
        assertEquals(e.inner(), back.inner());
        assertEquals("boxed text", back.boxed().value());
        assertEquals(0.1f, back.float32Field());
        assertEquals(List.of(List.of(1, 2), List.of()), back.nestedLists());
        assertArrayEquals(bytes, Everything.fromDynamic(dynamic).encode());
    }

    @Test
    void unionsAndGroupsInRecords() {
        Shape s = new Shape("r", null, new Shape.Rectangle(2.0, 3.0), null, new Shape.Style(null, Level.high),
                new Shape.Position(1, null));
        assertArrayEquals(hex("84 00 a1 'r' 02 82 00 cb 40 00 00 00 00 00 00 00 01 cb 40 08 00 00 00 00 00 00"
                + " 04 81 01 02 05 81 00 01"), s.encode());
        assertEquals(s, Shape.decode(s.encode()));
        ValueException twoMembers = assertThrows(ValueException.class,
                () -> new Shape("r", 1.0, new Shape.Rectangle(1.0, 1.0), null, null, null));
        assertEquals("Shape: at most one member of its union may be set, 2 are", twoMembers.getMessage());
    }

    @Test
    void schemaEvolutionBothWaysBetweenRecordsAndAnOlderSchema() {
        Schema v1 = SchemaParser.parse(TestSchemas.path("evolution_v1.capnp"));
        Person newer = new Person("Ada", 36, Mood.happy, "ada@example.org", new io.capaee.api.rpc.generated.Address("London"));
        DynamicStruct old = CaraCodec.lenient().decode(v1.struct("Person"), newer.encode());
        assertEquals("Ada", old.get("name"));
        old.set("age", 37);
        Person again = Person.decode(CaraCodec.lenient().encode(old));
        assertEquals(37, again.age());
        assertEquals("ada@example.org", again.email());
        assertEquals("London", again.address().city());

        byte[] oldBytes = CaraCodec.lenient().encode(v1.struct("Person").newValue().set("name", "Bob").set("mood", "calm"));
        Person fromOld = Person.decode(oldBytes);
        assertEquals("Bob", fromOld.name());
        assertNull(fromOld.email());
        assertEquals(Mood.calm, fromOld.mood());
    }

    @Test
    void anOldRecordKeepsTheNewWritersFieldsAndWritesThemBack() {
        Person newer = new Person("Ada", 36, Mood.happy, "ada@example.org", new io.capaee.api.rpc.generated.Address("London"));
        byte[] newBytes = newer.encode();
        io.capaee.api.rpc.generated.v1.Person old = io.capaee.api.rpc.generated.v1.Person.decode(newBytes);
        assertEquals("Ada", old.name());
        assertEquals(List.of(3L, 4L), List.copyOf(old.unknownFields().values().keySet()));
        // unchanged: the same bytes; changed with the record's wither-style copy: the new fields survive
        assertArrayEquals(newBytes, old.encode());
        io.capaee.api.rpc.generated.v1.Person older = new io.capaee.api.rpc.generated.v1.Person(old.name(), 37,
                old.mood(), old.unknownFields());
        Person again = Person.decode(older.encode());
        assertEquals(new Person("Ada", 37, Mood.happy, "ada@example.org", new io.capaee.api.rpc.generated.Address("London")),
                again);
        // a record made in Java has none, and equality sees them
        assertEquals(UnknownFields.NONE, new io.capaee.api.rpc.generated.v1.Person("Ada", 36, null).unknownFields());
        assertNotEquals(new io.capaee.api.rpc.generated.v1.Person("Ada", 36, io.capaee.api.rpc.generated.v1.Mood.happy), old);
        // strict mode refuses instead
        DecodeException strict = assertThrows(DecodeException.class,
                () -> io.capaee.api.rpc.generated.v1.Person.decode(newBytes, CaraCodec.strict()));
        assertTrue(strict.getMessage().contains("unknown field id 3"), strict.getMessage());
    }

    @Test
    void aNewRecordReadsAnOldWritersRecordWithTheNewFieldsAbsent() {
        byte[] oldBytes = new io.capaee.api.rpc.generated.v1.Person("Bob", null, io.capaee.api.rpc.generated.v1.Mood.calm)
                .encode();
        Person fromOld = Person.decode(oldBytes, CaraCodec.strict());
        assertEquals(new Person("Bob", null, Mood.calm, null, null), fromOld);
        assertTrue(fromOld.unknownFields().isEmpty());
        assertArrayEquals(oldBytes, fromOld.encode());
        // nested records keep their own unknown fields: an Address from a writer that added a field 1
        byte[] address = hex("82 00 a6 'London' 01 a2 'NW'");
        io.capaee.api.rpc.generated.Address a = io.capaee.api.rpc.generated.Address.decode(address);
        Person withAddress = new Person("Ada", null, null, null, a);
        assertArrayEquals(address, Person.decode(withAddress.encode()).address().encode());
    }

    @Test
    void typedHandlerAndClientMeetThroughAChannel() {
        Calculator impl = new io.capaee.api.rpc.TestCalculator();
        Calculator client = Calculator.client(RpcChannel.local(Calculator.handler(impl)));
        assertEquals(5L, client.add(2L, 3L));
        assertEquals(new Answer(24.0, 3L), client.evaluate(new Expression(Operator.multiply, List.of(2.0, 3.0, 4.0))));
        assertEquals(new Calculator.DivideResults(3L, 1L), client.divide(7L, 2L));
        assertEquals("calc", client.name());
        List<Long> ticks = new ArrayList<>();
        assertEquals(3L, client.countdown(3L, n -> {
            ticks.add(n);
            return true;
        }));
        assertEquals(List.of(3L, 2L, 1L), ticks);
        io.capaee.api.rpc.RemoteException e = assertThrows(io.capaee.api.rpc.RemoteException.class, () -> client.fail("boom"));
        assertEquals("java.lang.IllegalStateException", e.remoteType());
        assertEquals("boom", e.remoteMessage());
    }
}
