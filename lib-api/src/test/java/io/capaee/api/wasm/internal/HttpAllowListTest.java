// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpAllowListTest {
    private static boolean allows(List<String> entries, String url) {
        return new HttpAllowList(entries).allows(URI.create(url));
    }

    @Test
    void aPrefixAllowsItselfAndWhatIsBelowIt() {
        List<String> api = List.of("http://h/api");

        assertTrue(allows(api, "http://h/api"));
        assertTrue(allows(api, "http://h/api/"));
        assertTrue(allows(api, "http://h/api/x"));
        assertTrue(allows(api, "http://h/api/x/y?q=1"));
    }

    @Test
    void aPrefixStopsAtAPathSegmentBoundary() {
        assertFalse(allows(List.of("http://h/api"), "http://h/apix"));
        assertFalse(allows(List.of("http://h/api/"), "http://h/apix"));
        assertFalse(allows(List.of("http://h/api"), "http://h/"));
        assertTrue(allows(List.of("http://h/api/"), "http://h/api/x"));
    }

    @Test
    void dotSegmentsAreResolvedBeforeTheComparison() {
        List<String> api = List.of("http://h/api");

        assertFalse(allows(api, "http://h/api/../admin"));
        assertFalse(allows(api, "http://h/api/./../admin"));
        assertTrue(allows(api, "http://h/api/x/../y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://h/api/%2e%2e/admin", "http://h/api/%2E%2E/admin", "http://h/api/.%2e/admin", "http://h/api/%2e./admin", "http://h/api/..%2fadmin", "http://h/api/x/..%2F..%2Fadmin"})
    void percentEncodedDotSegmentsCannotLeaveThePrefix(String url) {
        // servers such as Go's net/http decode %2e before resolving dot segments (spec S2)
        assertFalse(allows(List.of("http://h/api"), url));
    }

    @Test
    void schemeHostAndPortMustMatch() {
        List<String> api = List.of("http://h:8080/api");

        assertTrue(allows(api, "http://H:8080/api/x"));
        assertFalse(allows(api, "http://h:8081/api/x"));
        assertFalse(allows(api, "https://h:8080/api/x"));
        assertFalse(allows(api, "http://other:8080/api/x"));
        assertFalse(allows(api, "http://h:8080@other:8080/api/x"));
        assertTrue(allows(List.of("http://h/api"), "http://h:80/api/x"));
        assertTrue(allows(List.of("https://h/api"), "https://h:443/api/x"));
    }

    @Test
    void aStarAllowsAnyHttpOrHttpsUrl() {
        assertTrue(allows(List.of("*"), "http://anything:1234/x"));
        assertTrue(allows(List.of("*"), "https://anything/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://h/api/x", "jar:file:/x.jar!/y", "gopher://h/api", "/relative/api"})
    void nonHttpSchemesAreRefusedEvenByAStar(String url) {
        assertFalse(allows(List.of("*", "ftp://h/api", "file:///etc"), url));
    }

    @Test
    void anEmptyListAllowsNothing() {
        assertFalse(allows(List.of(), "http://127.0.0.1/"));
        assertFalse(allows(List.of(" ", ""), "http://127.0.0.1/"));
    }
}
