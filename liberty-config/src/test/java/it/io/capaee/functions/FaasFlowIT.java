// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.RegistryUploads;
import it.io.capaee.support.Server;
import it.io.capaee.support.SharedResources;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Capsule's FaaS flow in one server: upload to the registry, deploy a revision with the worker,
 * call it through the reverse proxy, make it the default, scale it, remove it.
 */
@ResourceLock(value = SharedResources.PROXY_ROUTES, mode = ResourceAccessMode.READ)
@ResourceLock(value = SharedResources.DESIRED_STATE, mode = ResourceAccessMode.READ)
class FaasFlowIT {
    private final String function = "flow" + UUID.randomUUID().toString().substring(0, 8);

    private HttpResponse<String> worker(String method, String path, String json) throws Exception {
        return Server.send(Server.request("/wasm/worker/functions/" + path)
                .header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(json)));
    }

    @Test
    void uploadDeployRouteDefaultScaleAndRemove() throws Exception {
        assertEquals(200, RegistryUploads.upload("capa", function, "1.0.0", Server.guest("hello-http"), "hello from the flow").statusCode());

        HttpResponse<String> deployed = worker("POST", "deploy",
                "{\"function\":\"" + function + "\",\"revision\":\"v1\",\"module\":\"capa/" + function + "/1.0.0\"}");
        assertEquals(202, deployed.statusCode(), deployed.body());
        assertTrue(deployed.body().contains("\"code\":\"FUNCTION_DEPLOYED\""), deployed.body());

        HttpResponse<String> viaProxy = Server.send(Server.request("/functions/" + function + "/v1").POST(BodyPublishers.ofString("Bob")));
        assertEquals(200, viaProxy.statusCode(), viaProxy.body());
        assertEquals("Hello Bob", viaProxy.body());

        HttpResponse<String> setDefault = worker("POST", "set_default_revision", "{\"function\":\"" + function + "\",\"revision\":\"v1\"}");
        assertEquals(202, setDefault.statusCode(), setDefault.body());
        assertEquals("Hello Ada", Server.send(Server.request("/functions/" + function).POST(BodyPublishers.ofString("Ada"))).body());
        assertEquals("Hello Ada", Server.send(Server.request("/wasm/functions/" + function).POST(BodyPublishers.ofString("Ada"))).body());

        HttpResponse<String> again = worker("POST", "deploy",
                "{\"function\":\"" + function + "\",\"revision\":\"v1\",\"module\":\"capa/" + function + "/1.0.0\"}");
        assertTrue(again.body().contains("\"instances\":2"), again.body());
        HttpResponse<String> list = worker("GET", "list", "");
        assertTrue(list.body().contains("\"isDefaultRevision\":\"true\""), list.body());
        HttpResponse<String> down = worker("DELETE", "revisions/downscale", "{\"function\":\"" + function + "\",\"revision\":\"v1\"}");
        assertTrue(down.body().contains("WASM_MODULE_DEPLOYMENT_REMOVED"), down.body());
        HttpResponse<String> notDown = worker("DELETE", "revisions/downscale", "{\"function\":\"" + function + "\",\"revision\":\"v1\"}");
        assertTrue(notDown.body().contains("WASM_MODULE_DEPLOYMENT_NOT_REMOVED"), notDown.body());

        HttpResponse<String> removed = worker("DELETE", "revisions/deployments", "{\"function\":\"" + function + "\",\"revision\":\"v1\"}");
        assertEquals(202, removed.statusCode(), removed.body());
        assertEquals(404, Server.get("/wasm/functions/" + function + "/v1").statusCode());
        assertTrue(Server.get("/functions/" + function + "/v1").statusCode() >= 400);
    }

    @Test
    void badWorkerRequestsAreProblemsNamingTheField() throws Exception {
        HttpResponse<String> notJson = worker("POST", "deploy", "{not json");
        assertEquals(400, notJson.statusCode());
        assertEquals("application/problem+json", notJson.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> missing = worker("POST", "deploy", "{\"revision\":\"v1\",\"module\":\"a/b/c\"}");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("'function'"), missing.body());
        HttpResponse<String> wrongType = worker("POST", "deploy", "{\"function\":42,\"revision\":\"v1\",\"module\":\"a/b/c\"}");
        assertEquals(400, wrongType.statusCode());
        HttpResponse<String> unknownModule = worker("POST", "deploy", "{\"function\":\"x\",\"revision\":\"v1\",\"module\":\"no/such/module\"}");
        assertEquals(404, unknownModule.statusCode(), unknownModule.body());
        HttpResponse<String> digest = worker("POST", "deploy", "{\"function\":\"" + function + "\",\"revision\":\"v1\",\"module\":\"capa/"
                + function + "/9.9.9\",\"digest\":\"00\"}");
        assertEquals(404, digest.statusCode(), digest.body());
        HttpResponse<String> unknownRevision = worker("POST", "set_default_revision", "{\"function\":\"nope\",\"revision\":\"v1\"}");
        assertEquals(404, unknownRevision.statusCode(), unknownRevision.body());
    }

    @Test
    void aDigestThatDoesNotMatchIsRefused() throws Exception {
        assertEquals(200, RegistryUploads.upload("capa", function, "2.0.0", Server.guest("hello-http"), "").statusCode());
        HttpResponse<String> r = worker("POST", "deploy", "{\"function\":\"" + function + "\",\"revision\":\"v2\",\"module\":\"capa/"
                + function + "/2.0.0\",\"digest\":\"" + "0".repeat(64) + "\"}");
        assertEquals(409, r.statusCode(), r.body());
        assertEquals(404, Server.get("/wasm/functions/" + function + "/v2").statusCode());
    }
}
