// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.wasm.AbiGeneration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request and result mapping of spec 4.3 and 4.4, without a guest. */
class CapsuleHttpTest {
    private static final String TEXT = "text/plain; charset=utf-8";
    private final CapsuleHttp v3 = new CapsuleHttp(AbiGeneration.V0_1_3);
    private final CapsuleHttp v9 = new CapsuleHttp(AbiGeneration.V0_1_9);

    private static Map<String, String> ordered(String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return map;
    }

    @Test
    void responseHeaderValuesKeepTheirColons() {
        HttpReply reply = v3.fromGuest("[BODY]x[HEADERS]Location:http://h:8080/x|X-Time:10:00:00");

        assertEquals(new HttpReply(200, ordered("Location", "http://h:8080/x", "X-Time", "10:00:00", "Content-Type", TEXT), "x"), reply);
    }

    @Test
    void theBodyMayContainTheFramingMarkers() {
        HttpReply reply = v9.fromGuest("[BODY]a[HEADERS]b[BODY]c[HEADERS]X-A:1");

        assertEquals(new HttpReply(200, ordered("X-A", "1", "Content-Type", TEXT), "a[HEADERS]b[BODY]c"), reply);
    }

    @Test
    void anEmptyHeaderSectionGetsTheDefaultContentType() {
        assertEquals(new HttpReply(200, ordered("Content-Type", TEXT), "ok"), v3.fromGuest("[BODY]ok[HEADERS]"));
    }

    @Test
    void aResultWithNeitherPrefixIsAnsweredRaw() {
        assertEquals(new HttpReply(200, ordered("Content-Type", TEXT), "raw"), v3.fromGuest("raw"));
        assertEquals(new HttpReply(200, ordered("Content-Type", TEXT), "raw"), v3.fromGuest("raw[HEADERS]"));
    }

    @Test
    void anErrorWithACodeShowsTheCode() {
        assertEquals(new HttpReply(500, ordered("Content-Type", TEXT), "nope (7)"), v3.fromGuest("[ERR][7]:nope[HEADERS]"));
        assertEquals(new HttpReply(500, ordered("Content-Type", "application/json"), "{\"error\":\"say \\\"hi\\\" \\u003c\",\"from\":\"host\"}"),
                v3.fromGuest("[ERR][0]:say \"hi\" <[HEADERS]Content-Type:application/json"));
    }

    @Test
    void jsonResponsesAreReserialisedOrRefused() {
        String json = "[HEADERS]Content-Type:application/json; charset=utf-8";

        assertEquals("{\"a\":2,\"b\":1}", v3.fromGuest("[BODY]  {\"b\":1,\"a\":2}" + json).body());
        assertEquals("null", v3.fromGuest("[BODY]null" + json).body());
        assertEquals(500, v3.fromGuest("[BODY][{\"a\":1}]\n" + json).status());
        assertEquals(500, v3.fromGuest("[BODY]" + json).status());
        assertEquals("{\"error\":\"JSON string bad format\",\"from\":\"host\"}", v3.fromGuest("[BODY]\"s\"" + json).body());
    }

    @Test
    void htmlAndOtherTypesPassUnchanged() {
        assertEquals("<p>{\"b\":1}</p>", v3.fromGuest("[BODY]<p>{\"b\":1}</p>[HEADERS]Content-Type:text/html").body());
        assertEquals("{\"b\":1,\"a\":2}", v3.fromGuest("[BODY]{\"b\":1,\"a\":2}[HEADERS]Content-Type:text/plain").body());
    }

    @Test
    void theContentTypeIsFoundWhateverItsCase() {
        // Capsule needed the exact name Content-Type; a guest writing content-type got no JSON rules
        HttpReply reply = v3.fromGuest("[BODY][1][HEADERS]content-type:application/json");

        assertEquals(500, reply.status());
        assertEquals(ordered("content-type", "application/json"), reply.headers());
    }

    @Test
    void requestHeadersAreCanonicalFirstSeenAndWithoutHost() {
        HttpInvocation request = new HttpInvocation("POST", "/p?q=1",
                ordered("HOST", "h", "x-a", "1", "X-A", "2", "accept", "*/*"), "b");

        assertEquals(new GuestHttpRequest("b", "/p?q=1", "X-A:1|Accept:*/*", "POST"), v3.toGuest(request));
        assertEquals(new GuestHttpRequest("b", "/p?q=1", "X-A:1\u00b2Accept:*/*", "POST"), v9.toGuest(request));
    }

    @Test
    void getAndHeadBodiesAreReplacedPerGeneration() {
        for (String method : new String[] {"GET", "HEAD"}) {
            HttpInvocation request = new HttpInvocation(method, "/", Map.of(), "ignored");
            assertEquals("empty", v3.toGuest(request).body(), method);
            assertEquals("", v9.toGuest(request).body(), method);
        }
    }

    @Test
    void onlyJsonObjectsWithAJsonContentTypeAreReserialised() {
        String object = "{\"b\": 1.0, \"a\": \"<\"}";

        assertEquals("{\"a\":\"\\u003c\",\"b\":1}", v3.toGuest(new HttpInvocation("POST", "/", Map.of("content-type", "Application/JSON; charset=utf-8"), object)).body());
        assertEquals("{\"a\":\"\\u003c\",\"b\":1}", v9.toGuest(new HttpInvocation("PUT", "/", Map.of("Content-Type", "application/json"), object)).body());
        assertEquals(object, v3.toGuest(new HttpInvocation("POST", "/", Map.of("Content-Type", "text/plain"), object)).body());
        assertEquals(object, v3.toGuest(new HttpInvocation("POST", "/", Map.of(), object)).body());
        assertEquals("[1, 2]", v3.toGuest(new HttpInvocation("POST", "/", Map.of("Content-Type", "application/json"), "[1, 2]")).body());
        assertEquals("", v3.toGuest(new HttpInvocation("POST", "/", Map.of("Content-Type", "application/json"), "")).body());
    }
}
