// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The Go encoding/json output that Capsule 0.1.x guests and clients observe (spec 4.3, 4.4). */
class GoJsonTest {
    private static String object(String json) {
        return GoJson.reserialiseObject(json).orElseThrow();
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "1, 1",
        "1.0, 1",
        "-2.50, -2.5",
        "100, 100",
        "0.1, 0.1",
        "123456789.125, 123456789.125",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.5e300, 1.5e+300",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "-1.5e-7, -1.5e-7",
        "1.25e-10, 1.25e-10",
        "1e-100, 1e-100",
        "5e-324, 5e-324",
        "1e23, 1e+23",
        "282879384806159000, 282879384806159000",
        "2.82879384806159E17, 282879384806159000",
        "12345678901234567890, 12345678901234567000",
        "9007199254740993, 9007199254740992",
        "0, 0",
        "0.0, 0"
    })
    // encoding/json pads no exponent: strconv's 1e-07 is cleaned up to 1e-7 ("clean up e-09 to
    // e-9" in encode.go). Digits are the shortest that round-trip, which JDK 17's
    // Double.toString does not always give (4.9E-324, 2.82879384806159008E17, 9.999999999999999E22).
    void numbersGoThroughFloat64AndGosShortestFormat(String input, String expected) {
        assertEquals("{\"n\":" + expected + "}", object("{\"n\":" + input + "}"));
    }

    @Test
    void objectKeysAreSortedAtEveryLevel() {
        assertEquals("{\"a\":{\"x\":1,\"y\":[{\"c\":3,\"d\":4}]},\"b\":2}", object("{\"b\":2,\"a\":{\"y\":[{\"d\":4,\"c\":3}],\"x\":1}}"));
    }

    @Test
    void keysAreSortedByCodePointNotByUtf16Unit() {
        // Go sorts by UTF-8 bytes: U+FFFF comes before U+1F600, whose UTF-16 form starts with 0xD83D
        assertEquals("{\"A\":1,\"a\":2,\"z\":3,\"\u00e9\":4,\"\uffff\":5,\"\uD83D\uDE00\":6}",
                object("{\"\uD83D\uDE00\":6,\"\uffff\":5,\"\u00e9\":4,\"z\":3,\"a\":2,\"A\":1}"));
    }

    @Test
    void stringsAreEscapedAsGoDoes() {
        assertEquals("{\"s\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\"}", object("{\"s\":\"<a href=\\\"x\\\">&</a>\"}"));
        assertEquals("{\"s\":\"\\n\\r\\t\\u0008\\u000c\\u0001\\\\ /\"}", object("{\"s\":\"\\n\\r\\t\\b\\f\\u0001\\\\ \\/\"}"));
        assertEquals("{\"s\":\"\\u2028\\u2029\"}", object("{\"s\":\"\\u2028\\u2029\"}"));
        assertEquals("{\"s\":\"Golang \uD83D\uDC9A wasm \u00e9\"}", object("{\"s\":\"Golang \\ud83d\\udc9a wasm \u00e9\"}"));
    }

    @Test
    void literalsAndEmptyContainersKeepTheirForm() {
        assertEquals("{\"a\":[],\"b\":{},\"c\":null,\"d\":true,\"e\":false}", object("{ \"e\" : false , \"d\":true,\"c\":null,\"b\":{},\"a\":[ ] }"));
    }

    @Test
    void onlyASingleObjectIsReserialisedAsARequestBody() {
        assertEquals(Optional.empty(), GoJson.reserialiseObject("[1,2]"));
        assertEquals(Optional.empty(), GoJson.reserialiseObject("\"text\""));
        assertEquals(Optional.empty(), GoJson.reserialiseObject("{\"a\":"));
        assertEquals(Optional.empty(), GoJson.reserialiseObject(""));
    }

    @Test
    void textAfterTheRequestObjectIsIgnoredAsGinsDecoderDoes() {
        // gin 1.8 binds with json.NewDecoder(body).Decode, which stops after the first value
        assertEquals(Optional.of("{\"a\":1}"), GoJson.reserialiseObject("{\"a\":1} trailing"));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueAsGoMapsDo() {
        assertEquals("{\"a\":2}", object("{\"a\":1,\"a\":2}"));
    }

    @Test
    void responsesFollowCapsulesArrayOrObjectRule() {
        assertEquals(Optional.of("[{\"a\":2,\"b\":1}]"), GoJson.reserialiseResponse("[{\"b\":1,\"a\":2}]"));
        assertEquals(Optional.of("[]"), GoJson.reserialiseResponse("[]"));
        assertEquals(Optional.of("{\"a\":1}"), GoJson.reserialiseResponse("  {\"a\":1}"));
        assertEquals(Optional.of("null"), GoJson.reserialiseResponse("null"));
        assertEquals(Optional.empty(), GoJson.reserialiseResponse("[1,2]"));
        assertEquals(Optional.empty(), GoJson.reserialiseResponse("[{\"a\":1},2]"));
        assertEquals(Optional.empty(), GoJson.reserialiseResponse("[{\"a\":1}]\n")); // not array-shaped: must be an object
        assertEquals(Optional.empty(), GoJson.reserialiseResponse("\"text\""));
        assertEquals(Optional.empty(), GoJson.reserialiseResponse("42"));
        assertEquals(Optional.empty(), GoJson.reserialiseResponse("not json"));
        assertEquals(Optional.empty(), GoJson.reserialiseResponse(""));
    }

    private static jakarta.json.JsonValue nestedArrays(int depth) {
        jakarta.json.spi.JsonProvider json = jakarta.json.spi.JsonProvider.provider(); // Json.* looks it up on every call
        jakarta.json.JsonValue v = jakarta.json.JsonValue.EMPTY_JSON_ARRAY;
        for (int i = 1; i < depth; i++) {
            v = json.createArrayBuilder().add(v).build();
        }
        return v;
    }

    @Test
    void aValueNestedDeeperThanTheLimitIsAClearErrorNotAStackOverflow() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GoJson.write(nestedArrays(100_000)));

        assertEquals("JSON objects and arrays nested deeper than " + GoJson.MAX_DEPTH + " levels", e.getMessage());
    }

    @Test
    void aValueAtTheLimitIsWritten() {
        assertEquals("[".repeat(GoJson.MAX_DEPTH) + "]".repeat(GoJson.MAX_DEPTH), GoJson.write(nestedArrays(GoJson.MAX_DEPTH)));
    }

    @Test
    void tooDeepABodyOrResponseIsNotReserialised() {
        String deep = "{\"a\":" + "[".repeat(GoJson.MAX_DEPTH + 1) + "]".repeat(GoJson.MAX_DEPTH + 1) + "}";

        assertEquals(Optional.empty(), GoJson.reserialiseObject(deep));
        assertEquals(Optional.empty(), GoJson.reserialiseResponse(deep));
    }
}
