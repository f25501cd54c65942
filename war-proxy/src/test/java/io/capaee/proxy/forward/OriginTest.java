// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginTest {
    @Test
    void aBaseUrlGivesThePoolKeyTheHostHeaderAndTheRequestTarget() {
        Origin o = Origin.parse("http://127.0.0.1:9099/base");
        assertEquals("http://127.0.0.1:9099", o.poolKey());
        assertEquals("127.0.0.1:9099", o.host().toHostString());
        assertFalse(o.tls());
        assertEquals("/base/a%20b?x=1&y=%2F", o.requestTarget("http://127.0.0.1:9099/base/a%20b?x=1&y=%2F"));

        Origin bare = Origin.parse("https://example.org");
        assertTrue(bare.tls());
        assertEquals(443, bare.port());
        assertEquals("https://example.org:443", bare.poolKey());
        assertEquals("example.org", bare.host().toHostString(), "no port in the Host header when the URL has none");
        assertEquals("/", bare.requestTarget("https://example.org"));
        assertEquals("/?q", bare.requestTarget("https://example.org/?q"));

        Origin v6 = Origin.parse("http://[::1]:8080/x");
        assertEquals("::1", v6.address());
        assertEquals("/x/y", v6.requestTarget("http://[::1]:8080/x/y"));
    }

    @Test
    void whatIsNotAnHttpUrlOrNotAUrlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Origin.parse("ftp://h/x"));
        assertThrows(IllegalArgumentException.class, () -> Origin.parse("not a url"));
        assertThrows(IllegalArgumentException.class, () -> Origin.parse("http:///nohost"));
        Origin o = Origin.parse("http://h");
        assertThrows(IllegalArgumentException.class, () -> o.requestTarget("http://h/a b"), "a space would break the request line");
        assertThrows(IllegalArgumentException.class, () -> o.requestTarget("http://h/a\r\nX: y"));
    }
}
