// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.capaee.api.wasm.AbiGeneration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderCodecTest {
    private final HeaderCodec v3 = new HeaderCodec(AbiGeneration.V0_1_3);
    private final HeaderCodec v9 = new HeaderCodec(AbiGeneration.V0_1_9);

    private static Map<String, String> ordered(String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    @Test
    void encodesNameColonValueJoinedByTheGenerationsSeparator() {
        Map<String, String> headers = ordered("Content-Type", "text/plain", "X-A", "1");

        assertEquals("Content-Type:text/plain|X-A:1", v3.encode(headers));
        assertEquals("Content-Type:text/plain\u00b2X-A:1", v9.encode(headers));
        assertEquals("", v3.encode(Map.of()));
    }

    @Test
    void decodingSplitsEachItemAtItsFirstColon() {
        assertEquals(ordered("Location", "http://h:8080/x", "Date", "Mon, 01 Jan 2024 10:00:00 GMT"),
                v3.decode("Location:http://h:8080/x|Date:Mon, 01 Jan 2024 10:00:00 GMT"));
        assertEquals(ordered("Location", "http://h:8080/x", "X-Empty", ""), v9.decode("Location:http://h:8080/x\u00b2X-Empty:"));
    }

    @Test
    void itemsWithoutAColonOrWithoutANameAreSkipped() {
        assertEquals(ordered("A", "1", "B", "2"), v3.decode("empty|A:1||:orphan|B:2|junk"));
        assertEquals(Map.of(), v3.decode("empty"));
        assertEquals(Map.of(), v9.decode(""));
        assertEquals(Map.of(), v9.decode(null));
    }

    @Test
    void eachGenerationSplitsOnlyOnItsOwnSeparator() {
        assertEquals(ordered("A", "x\u00b2B:y"), v3.decode("A:x\u00b2B:y"));
        assertEquals(ordered("A", "x|B:y"), v9.decode("A:x|B:y"));
    }

    @Test
    void decodingKeepsTheOrderAndTheLastOfRepeatedNames() {
        Map<String, String> decoded = v3.decode("B:1|A:2|B:3");

        assertEquals(List.of("B", "A"), List.copyOf(decoded.keySet()));
        assertEquals("3", decoded.get("B"));
    }

    @Test
    void canonicalNamesAreGoStyle() {
        assertEquals("Content-Type", HeaderCodec.canonicalName("content-type"));
        assertEquals("X-My-Header", HeaderCodec.canonicalName("X-MY-HEADER"));
        assertEquals("User-Agent", HeaderCodec.canonicalName("user-agent"));
        assertEquals("Etag", HeaderCodec.canonicalName("ETag"));
        assertEquals("-X", HeaderCodec.canonicalName("-x"));
        assertEquals("with space", HeaderCodec.canonicalName("with space"));
        assertEquals("\u00fcber-x", HeaderCodec.canonicalName("\u00fcber-x"));
    }

    @Test
    void getIgnoresTheCaseOfTheName() {
        Map<String, String> headers = ordered("content-TYPE", "application/json");

        assertEquals("application/json", HeaderCodec.get(headers, "Content-Type"));
        assertNull(HeaderCodec.get(headers, "Accept"));
    }
}
