// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "7", "9", "\"x\"", "[]", "{}", "12", "true", "null", " 5 ", "{\"a\":[1,\"é\"]}"})
    void readsEveryJsonValueFromBytesHoweverShort(String json) {
        JsonValue value = JsonText.parse(bytes(json));
        assertEquals(JsonText.parse(json), value);
        assertEquals(json.strip(), value.toString().replace("\\u00e9", "é"));
    }

    @Test
    void skipsAUtf8ByteOrderMark() {
        assertEquals("1", JsonText.parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'}).toString());
    }

    @Test
    void refusesEmptyMalformedAndNonUtf8Bodies() {
        assertThrows(JsonException.class, () -> JsonText.parse(new byte[0]));
        assertThrows(JsonException.class, () -> JsonText.parse(bytes("  ")));
        assertThrows(JsonException.class, () -> JsonText.parse(bytes("-")));
        assertThrows(JsonException.class, () -> JsonText.parse(bytes("1 2")));
        assertThrows(JsonException.class, () -> JsonText.parse(bytes("{")));
        assertEquals("the body is not UTF-8 text: Input length = 1",
                assertThrows(JsonException.class, () -> JsonText.parse(new byte[] {'"', (byte) 0xFF, '"'})).getMessage());
    }
}
