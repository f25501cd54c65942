// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1.0/metadata} lists the server.xml components the way Dapr does, and the attributes an application
 * sets ({@code PUT /v1.0/metadata/{key}}); {@code /v1.0/healthz}; {@code /v1.0/shutdown} is refused by default.
 */
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
        JsonObject statestore = body.getJsonArray("components").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("statestore")).findFirst().orElseThrow();
        assertTrue(statestore.getJsonArray("capabilities").contains(Json.createValue("QUERY_API")), statestore.toString());
        assertEquals("capa-ee-0.1", body.getJsonObject("extended").getString("daprRuntimeVersion"), r.body());
    }

    @Test
    void anAttributeSetIsInTheExtendedMetadataAndATooLargeOneIsRefused() throws Exception {
        String key = Dapr.unique("it-attr");
        HttpResponse<String> set = Server.send(Server.request("/v1.0/metadata/" + key).PUT(BodyPublishers.ofString("blue green")));
        assertEquals(204, set.statusCode(), set.body());
        HttpResponse<String> r = Server.get("/v1.0/metadata");
        assertEquals("blue green", Dapr.json(r.body()).asJsonObject().getJsonObject("extended").getString(key), r.body());

        HttpResponse<String> big = Server.send(Server.request("/v1.0/metadata/" + key).PUT(BodyPublishers.ofString("x".repeat(8193))));
        assertTrue(Dapr.assertError(big, 413, "ERR_METADATA_SET").getString("message").contains("'" + key + "'"), big.body());
        assertEquals("blue green", Dapr.json(Server.get("/v1.0/metadata").body()).asJsonObject().getJsonObject("extended").getString(key));
    }

    @Test
    void shuttingDownIsRefusedByDefaultNamingTheSetting() throws Exception {
        HttpResponse<String> r = Server.send(Server.request("/v1.0/shutdown").POST(BodyPublishers.noBody()));
        assertTrue(Dapr.assertError(r, 403, "ERR_SHUTDOWN_DISABLED").getString("message").contains("capa.dapr.shutdown.enabled"), r.body());
        assertEquals(204, Server.get("/v1.0/healthz").statusCode(), "still up");
    }

    @Test
    void healthzAnswersNoContent() throws Exception {
        assertEquals(204, Server.get("/v1.0/healthz").statusCode());
        assertEquals(204, Server.get("/v1.0/healthz/outbound").statusCode());
        Dapr.assertError(Server.get("/v1.0/healthz?appid=someone-else"), 500, "ERR_HEALTH_APPID_NOT_MATCH");
    }
}
