// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /wasm/worker/functions/list} is not an admin operation: it names variables but shows no values, hosts or download URLs. */
class WorkerListingTest {
    private static final String SECRET = "s3cr3t-password";

    private static String list(WorkerDeployment deployment) {
        return WorkerResource.listing(new WorkerService() {
            @Override
            public List<WorkerDeployment> deployments() {
                return List.of(deployment);
            }

            @Override
            public int instances(WorkerDeployment d) {
                return 1;
            }

            @Override
            public boolean isDefault(WorkerDeployment d) {
                return false;
            }
        });
    }

    @Test
    void environmentVariablesAreListedByNameWithoutTheirValues() {
        String body = list(new WorkerDeployment("hello", "v1", "registry:acme/hello/1.0", "abc", Map.of("DB_PASSWORD", SECRET, "API_KEY", "k-123"),
                "http://localhost:9080/wasm/functions/hello/v1", "http://localhost:9080/functions/hello/v1"));

        assertFalse(body.contains(SECRET), body);
        assertFalse(body.contains("k-123"), body);
        assertEquals("{\"hello\":{\"v1\":{\"isDefaultRevision\":\"false\",\"sha256\":\"abc\",\"wasmModules\":{\"1\":{"
                + "\"envVariables\":[\"API_KEY\",\"DB_PASSWORD\"],\"localUrl\":\"/wasm/functions/hello/v1\",\"remoteUrl\":\"/functions/hello/v1\"}},"
                + "\"wasmRegistryUrl\":\"/registry/acme/hello/1.0\"}}}", body);
    }

    @Test
    void aDownloadUrlIsListedAsItsKindOnly() {
        String body = list(new WorkerDeployment("hello", "v1", "https://user:token@internal.example:8443/m.wasm?sig=xyz", "abc", Map.of(),
                "http://10.0.0.5:9080/wasm/functions/hello/v1", "http://10.0.0.5:9080/functions/hello/v1"));

        assertFalse(body.contains("internal.example"), body);
        assertFalse(body.contains("token"), body);
        assertFalse(body.contains("10.0.0.5"), body);
        assertEquals(true, body.contains("\"wasmRegistryUrl\":\"download\""), body);
    }

    @Test
    void aStoredRevisionThatDoesNotRunIsListedWithItsFailureAndNoModule() {
        WorkerDeployment running = new WorkerDeployment("hello", "v1", "registry:acme/hello/1.0", "abc", Map.of(),
                "http://localhost:9080/wasm/functions/hello/v1", "http://localhost:9080/functions/hello/v1");
        String body = WorkerResource.listing(new WorkerService() {
            @Override
            public List<WorkerDeployment> deployments() {
                return List.of(running);
            }

            @Override
            public int instances(WorkerDeployment d) {
                return 1;
            }

            @Override
            public boolean isDefault(WorkerDeployment d) {
                return false;
            }

            @Override
            public Map<String, String> failedDeployments() {
                return new java.util.TreeMap<>(Map.of("hello/v1", "digest changed", "hello/v2", "module acme/hello/2.0 is not in the registry"));
            }
        });

        assertEquals("{\"hello\":{\"v1\":{\"failure\":\"digest changed\",\"isDefaultRevision\":\"false\",\"sha256\":\"abc\",\"wasmModules\":{\"1\":{"
                + "\"envVariables\":[],\"localUrl\":\"/wasm/functions/hello/v1\",\"remoteUrl\":\"/functions/hello/v1\"}},"
                + "\"wasmRegistryUrl\":\"/registry/acme/hello/1.0\"},"
                + "\"v2\":{\"failure\":\"module acme/hello/2.0 is not in the registry\",\"isDefaultRevision\":\"false\",\"wasmModules\":{}}}}", body);
    }
}
