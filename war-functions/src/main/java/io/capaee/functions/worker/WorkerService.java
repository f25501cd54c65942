// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.registry.ModuleStore;
import io.capaee.api.routes.RouteException;
import io.capaee.api.routes.RouteTable;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.functions.service.Deployment;
import io.capaee.functions.service.FunctionNotFoundException;
import io.capaee.functions.service.FunctionRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Capsule's worker (spec section 7) re-thought for one JVM: a deployment is a function revision
 * in this server's {@link FunctionRegistry}, not a child process; "scaling" a revision sets how
 * many started instances it keeps; every change is mirrored in the proxy's {@link RouteTable},
 * so {@code /functions/{name}/{revision}} works as soon as the deploy returns. The operations
 * are rare admin calls, so they are serialised rather than made lock-free.
 */
@ApplicationScoped
public class WorkerService {
    @Inject
    FunctionRegistry registry;

    @Inject
    RouteTable routes;

    @Inject
    ModuleStore store;

    @Inject
    @ConfigProperty(name = "worker.local-url", defaultValue = "http://localhost:9080/wasm/functions")
    String localBase;

    @Inject
    @ConfigProperty(name = "worker.proxy-url", defaultValue = "http://localhost:9080")
    String proxyBase;

    @Inject
    @ConfigProperty(name = "worker.max-module-bytes", defaultValue = "268435456")
    long maxModuleBytes;

    private final Map<String, WorkerDeployment> deployments = new ConcurrentHashMap<>();
    private ModuleFetcher fetcher;

    /** What a deploy did. */
    public record Deployed(WorkerDeployment deployment, int instances) {}

    @PostConstruct
    void start() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        fetcher = new ModuleFetcher(store, http, maxModuleBytes);
    }

    /**
     * Deploys a revision from the registry ({@code module = org/name/tag}) or a URL. Deploying the
     * same module to the same revision again adds an instance (Capsule: another process); a
     * different module replaces the revision, keeping its instance count.
     */
    public synchronized Deployed deploy(String function, String revision, Optional<String> module, Optional<String> downloadUrl,
            Optional<String> digest, Map<String, String> environment) {
        requireName("function", function);
        requireName("revision", revision);
        if (module.isPresent() == downloadUrl.isPresent()) {
            throw new WorkerException(400, "give exactly one of 'module' (org/name/tag in the registry) and 'downloadUrl'");
        }
        ModuleFetcher.Fetched fetched = module.isPresent() ? fetcher.fromRegistry(module.get(), digest) : fetcher.fromUrl(downloadUrl.get(), digest);
        String key = key(function, revision);
        WorkerDeployment previous = deployments.get(key);
        int instances = 1;
        Deployment deployment;
        if (previous != null && previous.sha256().equals(fetched.sha256()) && previous.environment().equals(environment)) {
            deployment = registry.find(function, revision);
            instances = deployment.function().instances() + 1;
        } else {
            if (previous != null) {
                instances = registry.find(function, revision).function().instances();
            }
            try {
                deployment = registry.deploy(function, revision, fetched.bytes(), fetched.source(), environment);
            } catch (WasmFunctionException e) {
                throw new WorkerException(422, "the module cannot be deployed: " + e.getMessage(), e);
            }
        }
        deployment.function().scale(instances);
        WorkerDeployment deployed = new WorkerDeployment(function, revision, fetched.source(), fetched.sha256(), Map.copyOf(environment),
                localUrl(function, revision), proxyBase + "/functions/" + function + "/" + revision);
        deployments.put(key, deployed);
        addRoute(function, revision, deployed.localUrl());
        return new Deployed(deployed, instances);
    }

    private void addRoute(String function, String revision, String url) {
        Optional<List<String>> urls = routes.urls(function, revision);
        if (urls.isPresent()) {
            if (!urls.get().contains(url)) {
                routes.addUrl(function, revision, url);
            }
            return;
        }
        try {
            routes.addRevision(function, revision, url);
        } catch (RouteException e) {
            if (e.reason() != RouteException.Reason.FUNCTION_NOT_FOUND) {
                throw e;
            }
            routes.createFunction(function, revision, url);
        }
    }

    /** Makes the proxy's and this server's default of {@code function} the given revision. */
    public synchronized String setDefault(String function, String revision) {
        WorkerDeployment deployment = deployed(function, revision);
        registry.setDefault(function, revision);
        routes.putRevision(function, RouteTable.DEFAULT_REVISION, List.of(deployment.localUrl()));
        return proxyBase + "/functions/" + function;
    }

    /** Removes the default revision of {@code function}; false when it had none. */
    public synchronized boolean removeDefault(String function) {
        boolean had = registry.removeDefault(function);
        try {
            routes.removeRevision(function, RouteTable.DEFAULT_REVISION);
            had = true;
        } catch (RouteException e) {
            if (e.reason() == RouteException.Reason.STORE) {
                throw e;
            }
        }
        return had;
    }

    /**
     * Removes a revision: its instances, its route, and the default if it pointed here (Capsule
     * left the default routed to killed processes, spec B13).
     */
    public synchronized void remove(String function, String revision) {
        WorkerDeployment deployment = deployed(function, revision);
        boolean wasDefault = registry.defaultOf(function).filter(revision::equals).isPresent();
        registry.remove(function, revision);
        deployments.remove(key(function, revision));
        removeRouteUrl(function, revision, deployment.localUrl());
        if (wasDefault) {
            removeDefault(function);
        }
        Map<String, List<String>> left = routes.snapshot().get(function);
        if (left != null && left.isEmpty()) {
            try {
                routes.removeFunction(function);
            } catch (RouteException e) {
                if (e.reason() == RouteException.Reason.STORE) {
                    throw e;
                }
            }
        }
    }

    private void removeRouteUrl(String function, String revision, String url) {
        Optional<List<String>> urls = routes.urls(function, revision);
        if (urls.isEmpty()) {
            return;
        }
        if (urls.get().size() <= 1 && urls.get().contains(url)) {
            routes.removeRevision(function, revision);
        } else {
            routes.removeUrl(function, revision, url);
        }
    }

    /** Takes one instance away if the revision has at least two; returns the count left, or empty. */
    public synchronized Optional<Integer> downscale(String function, String revision) {
        deployed(function, revision);
        var wasm = registry.find(function, revision).function();
        if (wasm.instances() < 2) {
            return Optional.empty();
        }
        wasm.scale(wasm.instances() - 1);
        return Optional.of(wasm.instances());
    }

    /** The worker's deployments, by function then revision. */
    public List<WorkerDeployment> deployments() {
        List<WorkerDeployment> all = new ArrayList<>(deployments.values());
        all.sort(Comparator.comparing(WorkerDeployment::function).thenComparing(WorkerDeployment::revision));
        return all;
    }

    public int instances(WorkerDeployment d) {
        try {
            return registry.find(d.function(), d.revision()).function().instances();
        } catch (FunctionNotFoundException e) {
            return 0;
        }
    }

    public boolean isDefault(WorkerDeployment d) {
        return registry.defaultOf(d.function()).filter(d.revision()::equals).isPresent();
    }

    /** Where the module came from, for the public listing: a registry path, or {@code download} for a URL. */
    public String listedRegistryUrl(WorkerDeployment d) {
        return d.source().startsWith("registry:") ? "/registry/" + d.source().substring("registry:".length()) : "download";
    }

    private WorkerDeployment deployed(String function, String revision) {
        WorkerDeployment d = deployments.get(key(function, revision));
        if (d == null) {
            throw new WorkerException(404, "the worker has no deployment of " + function + "/" + revision);
        }
        return d;
    }

    private String localUrl(String function, String revision) {
        return localBase + "/" + function + "/" + revision;
    }

    private static void requireName(String what, String value) {
        if (value == null || !io.capaee.functions.service.FunctionsConfig.NAME.matcher(value).matches()) {
            throw new WorkerException(400, "'" + what + "' must be 1 to 128 letters, digits, '.', '_' or '-' (not starting with '.'), was '" + value + "'");
        }
    }

    private static String key(String function, String revision) {
        return function + "/" + revision;
    }
}
