// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/** Calls on the Dapr-compatible API of the test server, and checks of its error bodies. */
public final class Dapr {
    private Dapr() {}

    /** The app id the test server namespaces its keys with (liberty-config/pom.xml). */
    public static String appId() {
        return "it-" + System.getProperty("http.port", "9089");
    }

    /** A name unique to one test, so that runs and worktrees never share keys. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static HttpResponse<String> post(String path, String body) throws Exception {
        return Server.send(Server.request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    }

    public static HttpResponse<String> delete(String path, String ifMatch) throws Exception {
        var request = Server.request(path).DELETE();
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return Server.send(request);
    }

    public static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** Asserts a Dapr error: status, {@code errorCode}, and a problem+json body. */
    public static JsonObject assertError(HttpResponse<String> r, int status, String errorCode) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
        JsonObject body = json(r.body()).asJsonObject();
        assertEquals(errorCode, body.getString("errorCode"), r.body());
        assertEquals(body.getString("message"), body.getString("detail"));
        return body;
    }

    /** Deletes every Redis key of this app id that starts with {@code prefix}. */
    public static void deleteRedisKeys(String prefix) {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            for (String key : redis.keys(appId() + "||" + prefix + "*")) {
                redis.del(key);
            }
        }
    }
}
