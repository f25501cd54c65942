// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentsTest {
    @ParameterizedTest
    @ValueSource(strings = {"/f/..", "/f/../admin", "/f/./x", "/f/.", "/f/a/../../b",
            "/f/%2e%2e/admin", "/f/%2E%2E/admin", "/f/%2e./admin", "/f/.%2e/admin", "/f/%2E./admin", "/f/.%2E/x",
            "/f/%2e/x", "/f/%2E", "/f/..%2fadmin", "/f/..%2Fadmin", "/f/a%2f..%2f..%2fb", "/f/%2e%2e%2fadmin",
            "/f/..%5cadmin", "/f/..\\admin", "/f/%252e%252e/admin", "/f/%252E%252E%252Fadmin", "/f/x%00.html"})
    void everyFormOfClimbingIsRefused(String path) {
        assertTrue(PathSegments.problem(path).isPresent(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/f", "/f/", "/f/a/b", "/f/a.b/c..d", "/f/...", "/f/.well-known/x", "/f/a%20b", "/f/%25",
            "/f/100%25done", "/f/a//b"})
    void ordinaryPathsPass(String path) {
        assertTrue(PathSegments.problem(path).isEmpty(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/functions/hello/..", "/functions/hello/%2e%2e/admin", "/functions/hello/%2E./admin",
            "/functions/hello/v2/..%2f..%2fadmin"})
    void theReverseProxyAnswers400BeforeLookingForARoute(String uri) throws IOException {
        FakeServletExchange x = new FakeServletExchange("GET", Map.of(), new byte[0]);
        x.requestUri = uri;
        new ForwardServlet().service(x.request, x.response); // no route table: it must not be needed
        assertEquals(400, x.status(), x.body());
        assertTrue(x.contentType().startsWith("application/problem+json"), x.contentType());
    }
}
