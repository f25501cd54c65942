// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v1.0/metadata} lists the server.xml components the way Dapr does; {@code /v1.0/healthz}. */
class MetadataIT {
    @Test
    void metadataListsTheAppIdAndTheConfiguredStores() throws Exception {
        HttpResponse<String> r = Server.get("/v1.0/metadata");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = Dapr.json(r.body()).asJsonObject();
        assertEquals(Dapr.appId(), body.getString("id"));
        List<String> components = body.getJsonArray("components").stream()
                .map(c -> c.asJsonObject().getString("name") + "=" + c.asJsonObject().getString("type"))
                .toList();
        assertTrue(components.contains("statestore=state.redis"), r.body());
        assertTrue(components.contains("lockstore=lock.redis"), r.body());
        assertTrue(components.contains("filestore=secretstores.local.file"), r.body());
        assertTrue(components.contains("envstore=secretstores.local.env"), r.body());
        assertTrue(components.contains("configstore=configuration.redis"), r.body());
        assertTrue(components.contains("mpconfig=configuration.microprofile.config"), r.body());
    }

    @Test
    void healthzAnswersNoContent() throws Exception {
        assertEquals(204, Server.get("/v1.0/healthz").statusCode());
        assertEquals(204, Server.get("/v1.0/healthz/outbound").statusCode());
        Dapr.assertError(Server.get("/v1.0/healthz?appid=someone-else"), 500, "ERR_HEALTH_APPID_NOT_MATCH");
    }
}
