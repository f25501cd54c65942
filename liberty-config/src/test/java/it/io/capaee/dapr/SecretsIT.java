// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * Dapr's secrets API on the test server's stores (liberty-config/pom.xml): a JSON file, the
 * environment limited to {@code HOME}, and MicroProfile Config under {@code it.secret.}. The
 * values asked for never reach the server's logs.
 */
class SecretsIT {
    private static void assertSecret(String expectedJson, HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Dapr.json(expectedJson), Dapr.json(r.body()));
    }

    @Test
    void theFileStoreAnswersFlattenedSecretsOneByOneAndInBulk() throws Exception {
        assertSecret("{\"redisPassword\":\"it-only-not-a-real-secret\"}", Server.get("/v1.0/secrets/filestore/redisPassword"));
        assertSecret("{\"db:user\":\"capa\"}", Server.get("/v1.0/secrets/filestore/db:user"));
        assertSecret("{\"db:port\":{\"db:port\":\"5432\"},\"db:user\":{\"db:user\":\"capa\"},"
                + "\"redisPassword\":{\"redisPassword\":\"it-only-not-a-real-secret\"}}", Server.get("/v1.0/secrets/filestore/bulk"));
        assertEquals(204, Server.get("/v1.0/secrets/filestore/missing").statusCode());
    }

    @Test
    void theEnvironmentStoreExposesItsAllowListOnly() throws Exception {
        assertSecret("{\"HOME\":\"" + System.getenv("HOME") + "\"}", Server.get("/v1.0/secrets/envstore/HOME"));
        assertEquals(204, Server.get("/v1.0/secrets/envstore/PATH").statusCode());
        assertSecret("{\"HOME\":{\"HOME\":\"" + System.getenv("HOME") + "\"}}", Server.get("/v1.0/secrets/envstore/bulk"));
    }

    @Test
    void theConfigStoreReadsPropertiesUnderItsPrefix() throws Exception {
        assertSecret("{\"apiKey\":\"it-config-secret-value\"}", Server.get("/v1.0/secrets/configstore/apiKey"));
        assertEquals(204, Server.get("/v1.0/secrets/configstore/capa.app-id").statusCode());
    }

    @Test
    void anUnknownStoreIsDaprs401() throws Exception {
        assertError(Server.get("/v1.0/secrets/nope/x"), 401, "ERR_SECRET_STORE_NOT_FOUND");
        assertError(Server.get("/v1.0/secrets/nope/bulk"), 401, "ERR_SECRET_STORE_NOT_FOUND");
    }

    @Test
    void secretValuesNeverReachTheServerLog() throws Exception {
        Server.get("/v1.0/secrets/filestore/redisPassword");
        Server.get("/v1.0/secrets/configstore/apiKey");
        for (String log : new String[] {"messages.log", "trace.log"}) {
            var file = Server.dir().resolve("logs").resolve(log);
            if (Files.exists(file)) {
                String text = Files.readString(file);
                assertFalse(text.contains("it-only-not-a-real-secret"), log);
                assertFalse(text.contains("it-config-secret-value"), log);
            }
        }
        assertTrue(Files.exists(Server.dir().resolve("logs/messages.log")));
    }
}
