// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteDocumentTest {
    @Test
    void functionsAndRevisionsAreSortedAndTheUrlsKeepTheirOrder() {
        Map<String, List<String>> hello = new LinkedHashMap<>();
        hello.put("v2", List.of("http://b", "http://a"));
        hello.put("v1", List.of());
        Map<String, Map<String, List<String>>> routes = new LinkedHashMap<>();
        routes.put("zeta", Map.of("v1", List.of("http://z")));
        routes.put("hello", hello);
        String written = RouteDocument.write(routes);
        assertEquals("{\"hello\":{\"v1\":[],\"v2\":[\"http://b\",\"http://a\"]},\"zeta\":{\"v1\":[\"http://z\"]}}", written);
        assertEquals(RouteDocument.mutable(routes), RouteDocument.parse(written, "routes"));
    }
}
