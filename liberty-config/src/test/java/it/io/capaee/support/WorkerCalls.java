// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

/** The worker API, function calls and readiness of one server (the test server or a second one), from loopback. */
public final class WorkerCalls {
    public final String base;

    public WorkerCalls(String base) {
        this.base = base;
    }

    public HttpResponse<String> worker(String method, String path, String json) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(base + "/wasm/worker/functions/" + path))
                .header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> deploy(String function, String revision, String module) throws Exception {
        return worker("POST", "deploy", "{\"function\":\"" + function + "\",\"revision\":\"" + revision + "\",\"module\":\"" + module + "\"}");
    }

    public HttpResponse<String> setDefault(String function, String revision) throws Exception {
        return worker("POST", "set_default_revision", "{\"function\":\"" + function + "\",\"revision\":\"" + revision + "\"}");
    }

    public HttpResponse<String> remove(String function, String revision) throws Exception {
        return worker("DELETE", "revisions/deployments", "{\"function\":\"" + function + "\",\"revision\":\"" + revision + "\"}");
    }

    /** The proxy's URLs of one revision, as {@code /memory/functions/{f}/{r}/urls} answers them: {@code null} without a route. */
    public String routeUrls(String function, String revision) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(base + "/memory/functions/" + function + "/" + revision + "/urls"))).body().trim();
    }

    /** The worker listing, parsed: function to revision to its fields. */
    public JsonObject list() throws Exception {
        return parse(worker("GET", "list", "").body());
    }

    /** POSTs {@code name} to {@code path} (a function, through the proxy or not): hello-http answers "Hello <name>". */
    public HttpResponse<String> call(String path, String name) throws Exception {
        return Server.send(HttpRequest.newBuilder(URI.create(base + path)).POST(BodyPublishers.ofString(name)));
    }

    /** The readiness check named {@code name} of {@code /health/ready}. */
    public JsonObject readiness(String name) throws Exception {
        JsonObject health = parse(Server.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))).body());
        return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check " + name + " in " + health));
    }

    public static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
