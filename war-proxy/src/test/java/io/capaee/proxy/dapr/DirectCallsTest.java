// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DirectCallsTest {
    private static final String PATH = "/v1.0/state/statestore/k";

    @Test
    void aPlainCallIsAnsweredByTheFilter() {
        assertFalse(DirectCalls.forJaxRs(PATH, null, null));
        assertFalse(DirectCalls.forJaxRs(PATH, " ", "Bearer token"));
    }

    @Test
    void aMatrixParameterIsLeftToJaxRs() {
        assertTrue(DirectCalls.forJaxRs("/v1.0/state/statestore;v=1/k", null, null));
    }

    @Test
    void aCallNamingAnAppIsLeftToJaxRsWhichMakesItAServiceInvocation() {
        assertTrue(DirectCalls.forJaxRs(PATH, "orders", null));
        String basic = "Basic " + Base64.getEncoder().encodeToString("dapr-app-id:orders".getBytes(StandardCharsets.UTF_8));
        assertTrue(DirectCalls.forJaxRs(PATH, null, basic));
        String other = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        assertFalse(DirectCalls.forJaxRs(PATH, null, other));
    }

    @Test
    void aBlankAppIdHeaderFollowedByARealOneNamesAnAppAsJaxRsJoinsThem() {
        assertTrue(DirectCalls.forJaxRs(PATH, " ,orders", null));
    }

    @Test
    void segmentsArePercentDecodedAsPathParametersAreAndAPlusStaysAPlus() {
        assertEquals("a b+c/\u00e4", DirectCalls.decode("a%20b+c%2F%C3%A4"));
        assertEquals("plain", DirectCalls.decode("plain"));
    }

    @Test
    void aSegmentJaxRsWouldRefuseOrReadOtherwiseIsNotDecodedHere() {
        assertNull(DirectCalls.decode("%FF"), "not UTF-8");
        assertNull(DirectCalls.decode("a%zz"), "a malformed escape");
        assertNull(DirectCalls.decode("a%2"), "a cut escape");
        assertNull(DirectCalls.decode("\u00e4%20"), "a raw character outside ASCII");
        assertNull(DirectCalls.decode("\u00e4"), "a raw character outside ASCII");
    }

    @Test
    void onlyAQueryOfPlainAsciiIsReadByTheFilter() {
        assertTrue(DirectCalls.plainQuery(null));
        assertTrue(DirectCalls.plainQuery("consistency=strong&metadata.a=b+c"));
        assertFalse(DirectCalls.plainQuery("consistency=%zz"));
        assertFalse(DirectCalls.plainQuery("consistency=%73trong"));
        assertFalse(DirectCalls.plainQuery("consistency=\u00e4"));
    }
}
