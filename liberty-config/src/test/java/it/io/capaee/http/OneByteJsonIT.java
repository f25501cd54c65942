// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.http;

import static it.io.capaee.support.Dapr.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import it.io.capaee.support.Actors;
import it.io.capaee.support.Dapr;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One-byte JSON bodies ({@code curl -d 1}) are JSON like any other at every entry point that reads
 * one (issue 26: JSON-P's stream reader needed two bytes to guess the encoding, and a wasm actor
 * answered 400 "Cannot auto-detect encoding, not enough chars").
 */
@ResourceLock(SharedResources.ACTORS)
class OneByteJsonIT {
    private final String id = "one-byte-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterAll
    static void clean() {
        Actors.cleanRedis();
    }

    private static void noEncodingGuess(HttpResponse<String> r) {
        assertFalse(r.body().contains("auto-detect"), r.body());
    }

    @Test
    void aWasmActorTakesAOneByteArgument() throws Exception {
        assertEquals(200, Actors.post("wasm-kv/" + id + "/method/redis-set", "[\"7\",\"seven\"]").statusCode());
        HttpResponse<String> r = Actors.post("wasm-kv/" + id + "/method/redis-get", "7");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("seven", r.body());
    }

    @Test
    void aJavaActorTakesAOneByteArgument() throws Exception {
        HttpResponse<String> r = Actors.post("counter/" + id + "/method/add", "1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("1", r.body());
        assertEquals("8", Actors.post("counter/" + id + "/method/add", "7").body());
    }

    @Test
    void oneByteBodiesWhereAnObjectOrArrayIsNeededAreRefusedForWhatTheyAre() throws Exception {
        HttpResponse<String> reminder = Actors.post("counter/" + id + "/reminders/r", "1");
        assertError(reminder, 400, "ERR_MALFORMED_REQUEST");
        noEncodingGuess(reminder);
        HttpResponse<String> state = Actors.post("counter/" + id + "/state", "1");
        assertError(state, 400, "ERR_MALFORMED_REQUEST");
        noEncodingGuess(state);
        HttpResponse<String> binding = Dapr.post("/v1.0/bindings/memory", "1");
        assertError(binding, 400, "ERR_MALFORMED_REQUEST");
        noEncodingGuess(binding);
    }

    @Test
    void aStateValueOfOneByteIsSavedAndReadBack() throws Exception {
        String key = Dapr.unique("one-byte");
        try {
            assertEquals(204, Dapr.post("/v1.0/state/statestore", "[{\"key\":\"" + key + "\",\"value\":1}]").statusCode());
            assertEquals("1", Server.get("/v1.0/state/statestore/" + key).body());
        } finally {
            Dapr.deleteRedisKeys(key);
        }
    }

    @Test
    void aBindingTakesOneByteData() throws Exception {
        String key = Dapr.unique("one-byte");
        HttpResponse<String> created = Dapr.post("/v1.0/bindings/memory",
                "{\"operation\":\"create\",\"data\":1,\"metadata\":{\"key\":\"" + key + "\"}}");
        assertEquals(204, created.statusCode(), created.body());
        assertEquals("1", Dapr.post("/v1.0/bindings/memory", "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + key + "\"}}").body());
        Dapr.post("/v1.0/bindings/memory", "{\"operation\":\"delete\",\"metadata\":{\"key\":\"" + key + "\"}}");
    }

    @Test
    void aOneByteEventIsPublished() throws Exception {
        String topic = "one-byte-" + System.getProperty("http.port", "9089");
        for (String json : new String[] {"1", "0", "9"}) {
            HttpResponse<String> r = Server.send(Server.request("/v1.0/publish/pubsub/" + topic)
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
            assertEquals(204, r.statusCode(), r.body());
        }
        HttpResponse<String> bulk = Dapr.post("/v1.0-alpha1/publish/bulk/pubsub/" + topic, "1");
        assertError(bulk, 400, "ERR_PUBSUB_EVENTS_SER");
        noEncodingGuess(bulk);
    }
}
