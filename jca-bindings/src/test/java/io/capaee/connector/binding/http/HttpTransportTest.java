// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The metadata path is appended below the configured URL and can never change its host. */
class HttpTransportTest {
    private final HttpTransport transport = new HttpTransport(
            new HttpSettings(URI.create("http://app.local:8080/api/"), Duration.ofSeconds(1)), true);

    @Test
    void pathIsAppendedWithOneSlash() {
        assertEquals(URI.create("http://app.local:8080/api/orders/1"), transport.target("/orders/1"));
        assertEquals(URI.create("http://app.local:8080/api/orders?x=1"), transport.target("orders?x=1"));
        assertEquals(URI.create("http://app.local:8080/api/"), transport.target(null));
    }

    @Test
    void aPathCannotLeaveTheHostOrBreakTheUrl() {
        assertEquals("app.local", transport.target("@evil.example/x").getHost());
        assertThrows(OutputBindingException.class, () -> transport.target("a b"));
    }

    @Test
    void aPathCannotClimbOutOfTheBasePath() {
        assertThrows(OutputBindingException.class, () -> transport.target("../admin"));
        assertThrows(OutputBindingException.class, () -> transport.target("orders/../../admin"));
        assertThrows(OutputBindingException.class, () -> transport.target("%2e%2e/admin"));
        assertThrows(OutputBindingException.class, () -> transport.target("..%2Fadmin"));
        assertThrows(OutputBindingException.class, () -> transport.target("..%5Cadmin"));
        assertEquals(URI.create("http://app.local:8080/api/v1.2/file..txt"), transport.target("v1.2/file..txt"));
    }
}
