// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    private static void refused(String message, Runnable call) {
        assertEquals(message, assertThrows(JsonBodyException.class, call::run).getMessage());
    }

    @Test
    void readsFieldsByType() {
        JsonBody body = JsonBody.parse("{\"function\":\"hello\",\"url\":\"http://a:1/x\",\"env\":{\"A\":\"1\",\"B\":2,\"C\":true}}");
        assertEquals("hello", body.name("function"));
        assertEquals("http://a:1/x", body.url("url"));
        assertEquals(Optional.empty(), body.optional("nope"));
        assertEquals(Map.of("A", "1", "B", "2", "C", "true"), body.stringMap("env"));
        assertEquals(Map.of(), body.stringMap("nope"));
    }

    @Test
    void namesWhatIsWrong() {
        refused("the request needs a JSON object body", () -> JsonBody.parse(" "));
        refused("the body must be a JSON object, was array", () -> JsonBody.parse("[1]"));
        assertThrows(JsonBodyException.class, () -> JsonBody.parse("{\"a\":"));
        JsonBody body = JsonBody.parse("{\"n\":1,\"s\":\"a b\",\"u\":\"ftp://x\",\"m\":[]}");
        refused("field 'x' (a string) is required", () -> body.required("x"));
        refused("field 'n' must be a string", () -> body.required("n"));
        refused("s 'a b' is not a valid name (no '/', '?', '#', '%' or spaces)", () -> body.name("s"));
        refused("field 'u' must be an absolute http:// or https:// URL, was 'ftp://x'", () -> body.url("u"));
        refused("field 'm' must be a JSON object", () -> body.stringMap("m"));
    }
}
