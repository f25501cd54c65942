// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.AnyServer;
import it.io.capaee.support.Server;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** MicroProfile Health and Metrics answer without a login. */
@AnyServer
class MonitoringIT {
    @Test
    void readinessIsUp() throws Exception {
        HttpResponse<String> r = Server.get("/health/ready");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"status\":\"UP\""), r.body());
        assertTrue(r.body().contains("wasm-functions"), r.body());
    }

    @Test
    void prometheusMetricsAreServed() throws Exception {
        HttpResponse<String> r = Server.get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("jvm_uptime_seconds"), r.body().substring(0, Math.min(500, r.body().length())));
    }
}
