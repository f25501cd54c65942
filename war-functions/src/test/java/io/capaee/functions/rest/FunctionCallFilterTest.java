// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter takes exactly the paths of FunctionsResource's call template and leaves the rest to JAX-RS. */
class FunctionCallFilterTest {
    @Test
    void aNameCallsTheDefaultRevision() {
        assertArrayEquals(new String[] {"hello", "default"}, FunctionCallFilter.target("/functions/hello"));
    }

    @Test
    void aNameAndARevisionCallThatRevision() {
        assertArrayEquals(new String[] {"hello", "v2.1"}, FunctionCallFilter.target("/functions/hello/v2.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/functions", "/functions/", "/functions//v1", "/functions/hello/", "/functions/a/b/c",
            "/functions/hello;x=1", "/worker/functions/hello", "/functionsx/hello"})
    void otherPathsGoOnToJaxRs(String path) {
        assertNull(FunctionCallFilter.target(path));
    }
}
