// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.wasm.WasmFunctionException.Reason;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Capsule's HTTP contract (spec 1.7, 1.11, 4.3, 4.4 and the vectors of 11) with hello-http
 * (0.1.3 ABI) and hello-http-v9 (0.1.9 ABI), including the deliberate fixes of B3, B4 and B7.
 */
class HttpConformanceTest {
    private static final String V3 = "hello-http";
    private static final String V9 = "hello-http-v9";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    private TestHost host;

    @BeforeEach
    void startHost() {
        host = new TestHost();
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    /** Headers in the given order: name, value, name, value, ... */
    private static Map<String, String> headers(String... nameValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    private HttpReply call(EngineKind kind, String guest, String method, String uri, Map<String, String> headers, String body) {
        return host.load(kind, guest).callHttp(new HttpInvocation(method, uri, headers, body));
    }

    private HttpReply post(EngineKind kind, String guest, Map<String, String> headers, String body) {
        return call(kind, guest, "POST", "/", headers, body);
    }

    @OnBothEngines
    void aGetHandsTheLiteralEmptyToFirstGenerationGuestsAndNothingToSecond(EngineKind kind) {
        HttpReply v3 = call(kind, V3, "GET", "/", headers("Accept", "*/*"), "");
        HttpReply v9 = call(kind, V9, "GET", "/", headers("Accept", "*/*"), "");

        assertEquals(new HttpReply(200, headers("Content-Type", TEXT, "X-Guest", "capsule-0.1.3", "Message", "hello"), "Hello empty"), v3);
        assertEquals(new HttpReply(200, headers("Content-Type", TEXT, "X-Guest", "capsule-0.1.9", "Message", "hello"), "Hello "), v9);
    }

    @OnBothEngines
    void aRequestWithOnlyAHostHeaderDoesNotTrapAFirstGenerationGuest(EngineKind kind) {
        HttpReply v3 = call(kind, V3, "GET", "/", headers("Host", "localhost:9080"), "");
        assertEquals(200, v3.status());
        assertEquals("Hello empty", v3.body());
    }

    @OnBothEngines
    void aJsonObjectBodyIsReserialisedTheWayGoDoes(EngineKind kind) {
        for (String guest : List.of(V3, V9)) {
            HttpReply reply = post(kind, guest, headers("Content-Type", JSON, "X-Reply-Mode", "echo"),
                    "{\"message\": \"Golang \uD83D\uDC9A wasm\", \"author\": \"Philippe\"}");

            assertEquals(200, reply.status());
            assertEquals("{\"author\":\"Philippe\",\"message\":\"Golang \uD83D\uDC9A wasm\"}", reply.body(), guest);
        }
    }

    @OnBothEngines
    void reserialisingEscapesHtmlCharactersAndFormatsNumbersAsFloat64(EngineKind kind) {
        HttpReply reply = post(kind, V3, headers("Content-Type", "application/json; charset=utf-8", "X-Reply-Mode", "echo"),
                "{ \"z\": 1.0, \"html\": \"<b>&</b>\", \"big\": 12345678901234567890, \"nested\": {\"b\": [1e21, true, null], \"a\": 0.5} }");

        assertEquals("{\"big\":12345678901234567000,\"html\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\","
                + "\"nested\":{\"a\":0.5,\"b\":[1e+21,true,null]},\"z\":1}", reply.body());
    }

    @OnBothEngines
    void nonJsonBodiesArePassedAsTheyAre(EngineKind kind) {
        // Capsule answered 400 here and still ran the guest with "" (spec B7); we pass the text on.
        List<Map<String, String>> typeHeaders = List.of(
                headers("Content-Type", "text/plain", "X-Reply-Mode", "echo"),
                headers("Content-Type", JSON, "X-Reply-Mode", "echo"),
                headers("X-Reply-Mode", "echo"));
        for (Map<String, String> h : typeHeaders) {
            for (String body : List.of("just text", "[1, 2]", "{not json", "\"scalar\"", "")) {
                HttpReply reply = post(kind, V9, h, body);
                assertEquals(new HttpReply(200, headers("Content-Type", TEXT, "X-Guest", "capsule-0.1.9"), body), reply, h + " " + body);
            }
        }
    }

    @OnBothEngines
    void aJsonArrayOfObjectsFromTheGuestIsReserialised(EngineKind kind) {
        for (String guest : List.of(V3, V9)) {
            HttpReply reply = post(kind, guest, headers("Content-Type", "text/plain", "X-Reply-Mode", "echo", "X-Reply-Type", JSON), "[{\"b\":1,\"a\":2}]");

            assertEquals(200, reply.status(), guest);
            assertEquals("[{\"a\":2,\"b\":1}]", reply.body(), guest);
            assertEquals(JSON, reply.contentType(), guest);
        }
    }

    @OnBothEngines
    void aJsonArrayOfNumbersFromTheGuestIsABadFormatError(EngineKind kind) {
        HttpReply reply = post(kind, V3, headers("Content-Type", "text/plain", "X-Reply-Mode", "echo", "X-Reply-Type", JSON), "[1,2]");

        assertEquals(500, reply.status());
        assertEquals("{\"error\":\"JSON string bad format\",\"from\":\"host\"}", reply.body());
    }

    @OnBothEngines
    void aGuestErrorIsA500WithThePlainMessage(EngineKind kind) {
        for (String guest : List.of(V3, V9)) {
            HttpReply reply = post(kind, guest, headers("Content-Type", "text/plain", "X-Reply-Mode", "error"), "boom");

            assertEquals(500, reply.status(), guest);
            assertEquals("boom", reply.body(), guest);
            assertEquals(TEXT, reply.contentType(), guest);
        }
    }

    @OnBothEngines
    void aGuestErrorWithAJsonTypeIsA500HostErrorObject(EngineKind kind) {
        HttpReply reply = post(kind, V3, headers("Content-Type", "text/plain", "X-Reply-Mode", "error", "X-Reply-Type", JSON), "boom");

        assertEquals(500, reply.status());
        assertEquals("{\"error\":\"boom\",\"from\":\"host\"}", reply.body());
        assertEquals(JSON, reply.contentType());
    }

    @OnBothEngines
    void aResponseWithoutHeadersGetsTheDefaultContentType(EngineKind kind) {
        // Capsule 0.1.3 crashed on the empty header section (spec B3)
        for (String guest : List.of(V3, V9)) {
            HttpReply reply = call(kind, guest, "GET", "/", headers("X-Reply-Mode", "noheaders"), "");

            assertEquals(new HttpReply(200, headers("Content-Type", TEXT), "no headers"), reply, guest);
        }
    }

    @OnBothEngines
    void requestHeadersReachTheGuestCanonicalFirstValueAndWithoutHost(EngineKind kind) {
        Map<String, String> request = headers("host", "example.org", "user-agent", "curl/7.79.1", "accept", "*/*",
                "content-type", "text/plain", "x-my-header", "v:1", "X-REPLY-MODE", "headers");

        HttpReply v3 = call(kind, V3, "POST", "/", request, "x");
        HttpReply v9 = call(kind, V9, "POST", "/", request, "x");

        assertEquals("User-Agent:curl/7.79.1|Accept:*/*|Content-Type:text/plain|X-My-Header:v:1|X-Reply-Mode:headers", v3.body());
        assertEquals("User-Agent:curl/7.79.1\u00b2Accept:*/*\u00b2Content-Type:text/plain\u00b2X-My-Header:v:1\u00b2X-Reply-Mode:headers", v9.body());
    }

    @OnBothEngines
    void theGuestsResponseHeadersReachTheReply(EngineKind kind) {
        HttpReply reply = post(kind, V9, headers("Content-Type", "text/plain", "X-Reply-Type", "text/html; charset=utf-8"), "Bob");

        assertEquals(Map.of("Content-Type", "text/html; charset=utf-8", "X-Guest", "capsule-0.1.9", "Message", "hello"), reply.headers());
        assertEquals("Hello Bob", reply.body());
    }

    @OnBothEngines
    void aBodyContainingTheFramingMarkersIsNotCut(EngineKind kind) {
        // Capsule split the result on every [HEADERS] and [BODY] (spec B4)
        for (String guest : List.of(V3, V9)) {
            String body = "a[HEADERS]b[BODY]c[ERR][0]:d";
            HttpReply reply = post(kind, guest, headers("Content-Type", "text/plain", "X-Reply-Mode", "echo"), body);

            assertEquals(200, reply.status(), guest);
            assertEquals(body, reply.body(), guest);
            assertTrue(reply.headers().containsKey("X-Guest"), reply.headers().toString());
        }
    }

    @OnBothEngines
    void aTrappingHandlerIsAWasmFunctionException(EngineKind kind) {
        for (String guest : List.of(V3, V9)) {
            WasmFunctionException e = assertThrows(WasmFunctionException.class,
                    () -> call(kind, guest, "GET", "/", headers("X-Reply-Mode", "trap"), ""));

            assertEquals(Reason.TRAP, e.reason(), e.getMessage());
        }
    }

    @OnBothEngines
    void theFunctionAnswersAgainAfterATrap(EngineKind kind) {
        WasmFunction function = host.load(kind, V3);
        assertThrows(WasmFunctionException.class, () -> function.callHttp(new HttpInvocation("GET", "/", headers("X-Reply-Mode", "trap"), "")));

        assertEquals("Hello empty", function.callHttp(new HttpInvocation("GET", "/", headers("Accept", "*/*"), "")).body());
    }

    @OnBothEngines
    void secondGenerationGuestsSeeMethodAndRawUri(EngineKind kind) {
        HttpReply post = call(kind, V9, "POST", "/x?a=1", headers("Content-Type", "text/plain", "X-Reply-Mode", "request"), "some body");
        HttpReply get = call(kind, V9, "GET", "/?name=bob%20m&x", headers("X-Reply-Mode", "request"), "ignored");

        assertEquals("method=POST uri=/x?a=1 body=some body", post.body());
        assertEquals("method=GET uri=/?name=bob%20m&x body=", get.body());
    }

    @OnBothEngines
    void anUnknownModeIsAGuestError(EngineKind kind) {
        HttpReply reply = call(kind, V9, "GET", "/", headers("X-Reply-Mode", "nope"), "");

        assertEquals(500, reply.status());
        assertEquals("unknown mode nope", reply.body());
    }

    @OnBothEngines
    void redisModeRoundTripsThroughRedis(EngineKind kind) {
        try (JedisKeyValue kv = new JedisKeyValue()) {
            String value = kv.prefix() + "v";
            for (String guest : List.of(V3, V9)) {
                WasmFunction function = host.load(kind, host.services(Optional.of(kv), Optional.empty()), guest, FunctionSettings.defaults());
                try {
                    HttpReply reply = function.callHttp(new HttpInvocation("POST", "/", headers("Content-Type", "text/plain", "X-Reply-Mode", "redis"), value));

                    assertEquals(new HttpReply(200, headers("Content-Type", TEXT, "X-Guest", function.info().generation() == AbiGeneration.V0_1_3
                            ? "capsule-0.1.3" : "capsule-0.1.9"), value), reply, guest);
                    // stored in the function's own namespace, named after the module it was loaded as
                    assertEquals(value, kv.redis().get(KeyNamespace.forLoadedName(guest).key("http:" + value)));
                } finally {
                    kv.redis().del(KeyNamespace.forLoadedName(guest).key("http:" + value));
                }
            }
        }
    }

    @OnBothEngines
    void redisModeWithoutAStoreIsA500(EngineKind kind) {
        HttpReply reply = post(kind, V3, headers("Content-Type", "text/plain", "X-Reply-Mode", "redis"), "v");

        assertEquals(500, reply.status());
        assertTrue(reply.body().contains("no key/value store"), reply.body());
    }

    @OnBothEngines
    void aRequestWithoutHeadersReachesSecondGenerationGuests(EngineKind kind) {
        // 0.1.9 guests skip header items without a colon; a 0.1.3 guest traps on them (spec B3),
        // which the host cannot prevent for a request that really has no header but Host.
        HttpReply reply = call(kind, V9, "GET", "/", headers("Host", "example.org"), "");

        assertEquals("Hello ", reply.body());
    }
}
