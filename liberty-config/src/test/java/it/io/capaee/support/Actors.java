// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import redis.clients.jedis.JedisPooled;

/** Calls on the server's Dapr actor API, for the actor ITs. */
public final class Actors {
    public static final String PREFIX = "capa:it:" + System.getProperty("http.port", "9089") + ":actors:";

    /**
     * HTTP/1.1, one connection per concurrent call: the shared client's HTTP/2 upgrade would put every
     * concurrent call on one connection, which tests the connection rather than the actors.
     */
    public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private Actors() {}

    public static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> post(String path, String json) throws Exception {
        return send(Server.request("/v1.0/actors/" + path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json == null ? "" : json)));
    }

    public static HttpResponse<String> get(String path) throws Exception {
        return send(Server.request("/v1.0/actors/" + path));
    }

    public static HttpResponse<String> delete(String path) throws Exception {
        return send(Server.request("/v1.0/actors/" + path).DELETE());
    }

    /** The body of GET state, or null on 204. */
    public static String state(String type, String id, String key) throws Exception {
        HttpResponse<String> r = get(type + "/" + id + "/state/" + key);
        if (r.statusCode() == 204) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("GET state " + key + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Waits until state {@code key} of the actor is {@code expected}. */
    public static void awaitState(String type, String id, String key, String expected, Duration limit) throws Exception {
        await(type + "/" + id + "/state/" + key, r -> r.statusCode() == 200 && r.body().equals(expected), limit);
    }

    /**
     * Polls {@code /v1.0/actors/<path>} until {@code done}; over this class's HTTP/1.1 client, never
     * the shared one: Liberty leaves an h2c upgrade request that is answered 204 hanging, and the
     * shared client would keep that connection for every later test.
     */
    public static HttpResponse<String> await(String path, Predicate<HttpResponse<String>> done, Duration limit) throws Exception {
        return Server.await("/v1.0/actors/" + path, () -> get(path), done, limit);
    }

    public static void cleanRedis() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            for (String key : redis.keys(PREFIX + "*")) {
                redis.del(key);
            }
        }
    }
}
