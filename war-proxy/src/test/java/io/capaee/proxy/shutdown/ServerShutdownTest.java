// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.proxy.dapr.DaprException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shutdown rule, with a counter standing in for stopping the JVM. */
class ServerShutdownTest {
    private final AtomicInteger stops = new AtomicInteger();

    @Test
    void byDefaultShuttingDownIsRefusedNamingTheSettingAndNothingStops() {
        DaprException e = assertThrows(DaprException.class, () -> new ServerShutdown(false, stops::incrementAndGet).request("test"));
        assertEquals(403, e.status());
        assertEquals("ERR_SHUTDOWN_DISABLED", e.errorCode());
        assertTrue(e.getMessage().contains("capa.dapr.shutdown.enabled=true"), e.getMessage());
        assertEquals(0, stops.get());
    }

    @Test
    void allowedTheServerIsStoppedOnceHoweverOftenItIsAsked() {
        ServerShutdown shutdown = new ServerShutdown(true, stops::incrementAndGet);
        shutdown.request("POST /v1.0/shutdown");
        shutdown.request("gRPC Shutdown");
        assertEquals(1, stops.get());
    }
}
