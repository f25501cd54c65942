// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.desired.DesiredState;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.routes.RouteTable;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.functions.service.FunctionNotFoundException;
import io.capaee.functions.service.FunctionRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Capsule's worker (spec section 7) re-thought for one JVM: a deployment is a function revision
 * in this server's {@link FunctionRegistry}, not a child process; "scaling" a revision sets how
 * many started instances it keeps; every change is mirrored in the proxy's {@link RouteTable},
 * so {@code /functions/{name}/{revision}} works as soon as the deploy returns, and stored in the
 * {@link WorkerDesiredState desired state} before the API answers, so that a restarted server
 * deploys it again. The operations are rare admin calls, so they are serialised rather than made
 * lock-free; lock order: the desired state's change, then this service.
 */
@ApplicationScoped
public class WorkerService {
    private static final Logger LOG = Logger.getLogger(WorkerService.class.getName());

    @Inject
    FunctionRegistry registry;

    @Inject
    RouteTable routeTable;

    @Inject
    ModuleStore store;

    @Inject
    DesiredState desiredState;

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
    private WorkerRoutes routes;
    private WorkerDesiredState desired;

    /** What a deploy did. */
    public record Deployed(WorkerDeployment deployment, int instances) {}

    @PostConstruct
    void start() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        fetcher = new ModuleFetcher(store, http, maxModuleBytes);
        routes = new WorkerRoutes(routeTable, localBase);
        desired = new WorkerDesiredState(desiredState, new ReconcileTarget(), Clock.systemUTC());
    }

    /**
     * Deploys a revision from the registry ({@code module = org/name/tag}) or a URL. Deploying the
     * same module to the same revision again adds an instance (Capsule: another process); a
     * different module replaces the revision, keeping its instance count. Nothing changes when
     * the desired state cannot store it.
     */
    public Deployed deploy(String function, String revision, Optional<String> module, Optional<String> downloadUrl,
            Optional<String> digest, Map<String, String> environment) {
        requireName("function", function);
        requireName("revision", revision);
        if (module.isPresent() == downloadUrl.isPresent()) {
            throw new WorkerException(400, "give exactly one of 'module' (org/name/tag in the registry) and 'downloadUrl'");
        }
        return desired.change(() -> {
            ModuleFetcher.Fetched fetched = module.isPresent() ? fetcher.fromRegistry(module.get(), digest) : fetcher.fromUrl(downloadUrl.get(), digest);
            return install(function, revision, fetched, Map.copyOf(environment), OptionalInt.empty(), desired::stored);
        });
    }

    /**
     * Runs {@code fetched} as {@code function/revision} with {@code instances} (empty: Capsule's
     * count), calling {@code store} once the module is compiled and routed but before it replaces
     * what runs: when {@code store} throws, what ran before runs on and the new route is taken back.
     */
    private synchronized Deployed install(String function, String revision, ModuleFetcher.Fetched fetched, Map<String, String> environment,
            OptionalInt instances, Consumer<WorkerSpec> store) {
        WorkerDeployment previous = deployments.get(key(function, revision));
        boolean same = previous != null && previous.sha256().equals(fetched.sha256()) && previous.environment().equals(environment);
        int running = previous == null ? 0 : instances(previous);
        int count = instances.orElse(same ? running + 1 : Math.max(1, running));
        WorkerDeployment next = new WorkerDeployment(function, revision, fetched.source(), fetched.sha256(), environment,
                routes.localUrl(function, revision), proxyBase + "/functions/" + function + "/" + revision);
        WorkerSpec spec = WorkerSpec.of(next, count);
        if (same && previous.source().equals(next.source())) {
            store.accept(spec);
            registry.find(function, revision).function().scale(count);
            deployments.put(key(function, revision), next);
            return new Deployed(next, count);
        }
        WasmFunction loaded;
        try {
            loaded = registry.load(function, revision, fetched.bytes(), fetched.source(), environment);
        } catch (WasmFunctionException e) {
            throw new WorkerException(422, "the module cannot be deployed: " + e.getMessage(), e);
        }
        boolean routed = false;
        try {
            routed = routes.add(function, revision);
            store.accept(spec);
        } catch (RuntimeException e) {
            loaded.close();
            if (routed) {
                undo("route of " + function + "/" + revision, () -> routes.remove(function, revision));
            }
            throw e;
        }
        registry.install(function, revision, loaded, fetched.source()).function().scale(count);
        deployments.put(key(function, revision), next);
        return new Deployed(next, count);
    }

    /** Makes the proxy's and this server's default of {@code function} the given revision. */
    public String setDefault(String function, String revision) {
        return desired.change(() -> {
            applyDefault(new WorkerDefaultSpec(function, revision), desired::defaultStored);
            return proxyBase + "/functions/" + function;
        });
    }

    private synchronized void applyDefault(WorkerDefaultSpec spec, Consumer<WorkerDefaultSpec> store) {
        deployed(spec.function(), spec.revision());
        Optional<String> previous = registry.defaultOf(spec.function());
        routes.setDefault(spec.function(), spec.revision());
        try {
            store.accept(spec);
        } catch (RuntimeException e) {
            undo("default route of " + spec.function(), () -> previous.ifPresentOrElse(p -> routes.setDefault(spec.function(), p),
                    () -> routes.removeDefault(spec.function())));
            throw e;
        }
        registry.setDefault(spec.function(), spec.revision());
    }

    /** Removes the default revision of {@code function}; false when it had none. */
    public boolean removeDefault(String function) {
        return desired.change(() -> {
            synchronized (this) {
                boolean had = registry.defaultOf(function).isPresent() || routes.hasDefault(function);
                if (had) {
                    desired.defaultRemoved(function);
                    registry.removeDefault(function);
                    routes.dropDefault(function);
                }
                return had;
            }
        });
    }

    /**
     * Removes a revision: its instances, its route, and the default if it pointed here (Capsule
     * left the default routed to killed processes, spec B13). Removed from the desired state first.
     */
    public void remove(String function, String revision) {
        desired.change(() -> {
            synchronized (this) {
                deployed(function, revision);
                boolean wasDefault = registry.defaultOf(function).filter(revision::equals).isPresent();
                if (wasDefault) {
                    desired.defaultRemoved(function);
                }
                desired.removed(function, revision);
                if (wasDefault) {
                    routes.dropDefault(function);
                }
                removeHere(function, revision);
                return null;
            }
        });
    }

    private synchronized void removeHere(String function, String revision) {
        if (registry.defaultOf(function).filter(revision::equals).isPresent()) {
            routes.removeDefault(function);
        }
        routes.remove(function, revision);
        registry.remove(function, revision);
        deployments.remove(key(function, revision));
    }

    /** Takes one instance away if the revision has at least two; returns the count left, or empty. */
    public Optional<Integer> downscale(String function, String revision) {
        return desired.change(() -> {
            synchronized (this) {
                WorkerDeployment d = deployed(function, revision);
                var wasm = registry.find(function, revision).function();
                if (wasm.instances() < 2) {
                    return Optional.empty();
                }
                desired.stored(WorkerSpec.of(d, wasm.instances() - 1));
                wasm.scale(wasm.instances() - 1);
                return Optional.of(wasm.instances());
            }
        });
    }

    /**
     * Deploys what the desired state holds and takes out of the route table this server's URLs
     * of revisions that do not run here (left by a server that was killed, or stopped before a
     * change reached it). Called once at start.
     */
    WorkerDesiredState.Outcome reconcileAtStart() {
        WorkerDesiredState.Outcome outcome = desired.reconcile();
        List<WorkerRoutes.Url> stale = routes.removeStale(this::runs, this::defaultHere);
        if (!stale.isEmpty()) {
            LOG.log(Level.INFO, "removed {0} route(s) to worker revisions that do not run here: {1}", new Object[] {stale.size(), stale});
        }
        return outcome;
    }

    /** Applies what changed in the desired state since the last reconcile (e.g. on another server). */
    WorkerDesiredState.Outcome reconcile() {
        return desired.reconcile();
    }

    private boolean runs(String function, String revision) {
        try {
            registry.find(function, revision);
            return true;
        } catch (FunctionNotFoundException e) {
            return false;
        }
    }

    private Optional<String> defaultHere(String function) {
        try {
            return Optional.of(registry.find(function, FunctionRegistry.DEFAULT_REVISION).revision());
        } catch (FunctionNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The worker's deployments, by function then revision. */
    public List<WorkerDeployment> deployments() {
        List<WorkerDeployment> all = new ArrayList<>(deployments.values());
        all.sort(Comparator.comparing(WorkerDeployment::function).thenComparing(WorkerDeployment::revision));
        return all;
    }

    /** Deployments of the desired state that do not run here as stored, by {@code function/revision}, to why. */
    public Map<String, String> failedDeployments() {
        return desired == null ? new java.util.TreeMap<>() : desired.deploymentFailures();
    }

    /** Everything of the desired state that does not run as stored (for health): what to why. */
    public Map<String, String> failures() {
        return desired == null ? Map.of() : desired.failures();
    }

    /** Where the desired state is kept. */
    public String desiredStateWhere() {
        return desired == null ? "" : desired.where();
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

    private static void undo(String what, Runnable undo) {
        try {
            undo.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not take back the {0} after the desired state refused the change: {1}", new Object[] {what, e.getMessage()});
        }
    }

    private static void requireName(String what, String value) {
        if (value == null || !io.capaee.functions.service.FunctionsConfig.NAME.matcher(value).matches()) {
            throw new WorkerException(400, "'" + what + "' must be 1 to 128 letters, digits, '.', '_' or '-' (not starting with '.'), was '" + value + "'");
        }
    }

    private static String key(String function, String revision) {
        return function + "/" + revision;
    }

    /** What the desired state's reconcilers do here: the same local changes as the API, without storing them again. */
    private final class ReconcileTarget implements WorkerDesiredState.Local {
        @Override
        public void apply(WorkerSpec spec) {
            WorkerDeployment running = deployments.get(spec.id());
            if (running != null && spec.sameModule(running)) {
                synchronized (WorkerService.this) {
                    registry.find(spec.function(), spec.revision()).function().scale(spec.instances());
                }
                return;
            }
            Optional<String> digest = Optional.of(spec.sha256());
            if (spec.module().isPresent()) {
                install(spec, fetcher.fromRegistry(spec.module().get(), digest));
                return;
            }
            String url = spec.downloadUrl().orElseThrow();
            try {
                install(spec, fetcher.fromUrl(url, digest));
            } catch (WorkerException e) {
                // failures are listed to viewers and in the public health data: a download URL may hold a credential
                throw new WorkerException(e.status(), e.getMessage().replace(url, "the download URL"), e);
            }
        }

        private void install(WorkerSpec spec, ModuleFetcher.Fetched fetched) {
            WorkerService.this.install(spec.function(), spec.revision(), fetched, spec.environment(), OptionalInt.of(spec.instances()), s -> {});
        }

        @Override
        public void remove(String function, String revision) {
            removeHere(function, revision);
        }

        @Override
        public void applyDefault(WorkerDefaultSpec spec) {
            WorkerService.this.applyDefault(spec, s -> {});
        }

        @Override
        public void removeDefault(String function) {
            synchronized (WorkerService.this) {
                registry.removeDefault(function);
                routes.removeDefault(function);
            }
        }
    }
}
