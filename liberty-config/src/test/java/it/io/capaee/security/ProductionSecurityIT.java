// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A server set up as docs/security.md tells a production server to be: loopback not trusted, an admin token
 * (two, mid-rotation), a Dapr API token, and function calls at the app level. Every request here comes from
 * loopback, which must now count for nothing.
 */
@ResourceLock(SharedResources.EXTRA_SERVER_B)
class ProductionSecurityIT {
    private static SecondServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SecondServer.start("capa-prod", 3, Map.of(
                "capa.security.trust-loopback", "false",
                "capa.admin.token", "admin-new, admin-old",
                "capa.dapr.api-token", "app-token",
                "capa.security.functions", "app",
                "capa.kv.backend", "memory"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Server.send(b);
    }

    @Test
    void aLoopbackClientWithoutCredentialsReachesOnlyThePublicProbes() throws Exception {
        assertEquals(401, get("/v1.0/state/statestore/k").statusCode());
        assertEquals(401, get("/wasm/functions").statusCode());
        assertEquals(401, get("/memory/functions/list").statusCode());
        assertEquals(401, get("/registry/modules").statusCode());
        assertEquals(401, get("/v1.0-alpha1/files/local?prefix=x").statusCode(), "the file API is at the app level");
        assertEquals(401, get("/v1.0-alpha1/files/local/x").statusCode());
        HttpResponse<String> call = get("/wasm/functions/hello");
        assertEquals(401, call.statusCode(), "function calls need the app level here");
        assertTrue(call.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), call.body());
        assertEquals(401, get("/functions/hello").statusCode(), "and so do calls through the reverse proxy");
        assertEquals(204, get("/v1.0/healthz").statusCode());
    }

    @Test
    void theDaprTokenOpensTheDaprApiAndFunctionCallsOnly() throws Exception {
        assertEquals(204, get("/v1.0/state/statestore/k", "dapr-api-token", "app-token").statusCode());
        assertEquals(404, get("/wasm/functions/no-such-function", "dapr-api-token", "app-token").statusCode(),
                "past the check: the function is unknown");
        assertEquals(403, get("/wasm/functions", "dapr-api-token", "app-token").statusCode());
        assertEquals(404, get("/v1.0-alpha1/files/local/no-such-file", "dapr-api-token", "app-token").statusCode(),
                "past the check: the file is unknown");
        assertEquals(401, get("/v1.0/state/statestore/k", "dapr-api-token", "app-token!").statusCode());
    }

    @Test
    void bothTokensOfARotationOpenEverything() throws Exception {
        for (String token : new String[] {"admin-new", "admin-old"}) {
            assertEquals(200, get("/wasm/functions", "Authorization", "Bearer " + token).statusCode(), token);
            assertEquals(200, get("/memory/functions/list", "X-Capa-Admin-Token", token).statusCode(), token);
            assertEquals(204, get("/v1.0/state/statestore/k", "Authorization", "Bearer " + token).statusCode(), token);
        }
        assertEquals(403, get("/wasm/functions", "Authorization", "Bearer admin").statusCode());
    }

    @Test
    void theTestUsersKeepTheirRoles() throws Exception {
        String viewer = "Basic " + java.util.Base64.getEncoder().encodeToString("it-viewer:it-viewer-pw".getBytes());
        assertEquals(200, get("/registry/modules", "Authorization", viewer).statusCode());
        assertEquals(403, get("/v1.0/state/statestore/k", "Authorization", viewer).statusCode());
    }
}
