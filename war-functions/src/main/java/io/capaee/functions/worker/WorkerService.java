// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.config.Durations;
import io.capaee.api.desired.DesiredState;
import io.capaee.api.desired.DesiredStates;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.registry.ModuleStore;
import io.capaee.api.routes.KeyValueRouteTable;
import io.capaee.api.routes.RouteTable;
import io.capaee.api.routes.ServerAnnouncement;
import io.capaee.functions.service.FunctionRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Capsule's worker (spec section 7) re-thought for one JVM: a deployment is a function revision
 * in this server's {@link FunctionRegistry}, not a child process; "scaling" a revision sets how
 * many started instances it keeps; every change is mirrored in the proxy's {@link RouteTable},
 * so {@code /functions/{name}/{revision}} works as soon as the deploy returns, and stored in the
 * {@link WorkerDesiredState desired state} before the API answers, so that a restarted server
 * deploys it again. What runs here is {@link LocalWorker}'s; this class adds the desired state.
 * The operations are rare admin calls, so they are serialised rather than made lock-free; lock
 * order: the desired state's change, then {@link LocalWorker}.
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
    @ConfigProperty(name = "capa.worker.local-url")
    String localBase;

    @Inject
    @ConfigProperty(name = "capa.worker.proxy-url")
    String proxyBase;

    @Inject
    @ConfigProperty(name = "capa.worker.max-module-bytes")
    long maxModuleBytes;

    @Inject
    @ConfigProperty(name = "capa.worker.heartbeat-lapse")
    String heartbeatLapse;

    @Inject
    @ConfigProperty(name = KeyValueRouteTable.KEY_PROPERTY)
    String routesKey;

    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Inject
    @ConfigProperty(name = "capa.server.id")
    Optional<String> serverId; // empty (the default): <host name>-<http.port>

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "9080")
    int httpPort;

    private LocalWorker local;
    private WorkerDesiredState desired;
    private WorkerHeartbeat heartbeat;

    /** What a deploy did. */
    public record Deployed(WorkerDeployment deployment, int instances) {}

    @PostConstruct
    void start() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        WorkerRoutes routes = new WorkerRoutes(routeTable, localBase);
        local = new LocalWorker(registry, routes, new ModuleFetcher(store, http, maxModuleBytes), proxyBase);
        desired = new WorkerDesiredState(desiredState, local, Clock.systemUTC());
        Duration lapse = Durations.parse(heartbeatLapse);
        if (lapse.compareTo(DesiredStates.interval().multipliedBy(2)) < 0) {
            throw new IllegalStateException("capa.worker.heartbeat-lapse (" + heartbeatLapse + ") must be at least twice "
                    + DesiredStates.INTERVAL + " (" + DesiredStates.interval() + "), how often a worker beats");
        }
        heartbeat = new WorkerHeartbeat(keyValue, routesKey, localBase, routes, lapse, System::currentTimeMillis,
                ServerAnnouncement.serverId(serverId.orElse(""), httpPort));
    }

    /**
     * One heartbeat: this worker's beat written, the routes of workers whose beat lapsed dropped
     * (logged), and this server's own routes put back where the table lacks them.
     */
    void beat() {
        for (WorkerHeartbeat.Dropped d : heartbeat.beat()) {
            LOG.log(Level.WARNING, "worker {0} said it was alive until {1} and has not beaten since: dropped its {2} route URL(s)",
                    new Object[] {d.worker(), java.time.Instant.ofEpochMilli(d.aliveUntilMillis()), d.urls()});
        }
        int restored = local.restoreRoutes();
        if (restored > 0) {
            LOG.log(Level.INFO, "worker: put back {0} route(s) of revisions that run here", restored);
        }
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
            ModuleFetcher fetcher = local.fetcher();
            ModuleFetcher.Fetched fetched = module.isPresent() ? fetcher.fromRegistry(module.get(), digest) : fetcher.fromUrl(downloadUrl.get(), digest);
            return local.install(function, revision, fetched, Map.copyOf(environment), OptionalInt.empty(), desired::stored);
        });
    }

    /** Makes the proxy's and this server's default of {@code function} the given revision. */
    public String setDefault(String function, String revision) {
        return desired.change(() -> {
            local.applyDefault(new WorkerDefaultSpec(function, revision), desired::defaultStored);
            return proxyBase + "/functions/" + function;
        });
    }

    /** Removes the default revision of {@code function}; false when it had none. */
    public boolean removeDefault(String function) {
        return desired.change(() -> local.dropDefault(function, () -> desired.defaultRemoved(function)));
    }

    /** Removes a revision, its instances, its route and the default if it pointed here; removed from the desired state first. */
    public void remove(String function, String revision) {
        desired.change(() -> {
            local.removeRevision(function, revision, wasDefault -> {
                if (wasDefault) {
                    desired.defaultRemoved(function);
                }
                desired.removed(function, revision);
            });
            return null;
        });
    }

    /** Takes one instance away if the revision has at least two; returns the count left, or empty. */
    public Optional<Integer> downscale(String function, String revision) {
        return desired.change(() -> local.downscale(function, revision, desired::stored));
    }

    /**
     * Deploys what the desired state holds and takes out of the route table this server's URLs
     * of revisions that do not run here (left by a server that was killed, or stopped before a
     * change reached it). Called once at start; the revisions are deployed side by side on
     * {@code executor}.
     */
    WorkerDesiredState.Outcome reconcileAtStart(Executor executor) {
        // one lane per core: loading a module (compiling it, starting its instances) is CPU work
        WorkerDesiredState.Outcome outcome = desired.reconcile(executor, Runtime.getRuntime().availableProcessors());
        List<WorkerRoutes.Url> stale = local.removeStaleRoutes();
        if (!stale.isEmpty()) {
            LOG.log(Level.INFO, "removed {0} route(s) to worker revisions that do not run here: {1}", new Object[] {stale.size(), stale});
        }
        return outcome;
    }

    /** Applies what changed in the desired state since the last reconcile (e.g. on another server). */
    WorkerDesiredState.Outcome reconcile() {
        return desired.reconcile();
    }

    /** The worker's deployments, by function then revision. */
    public List<WorkerDeployment> deployments() {
        return local.deployments();
    }

    /** Deployments of the desired state that do not run here as stored, by {@code function/revision}, to why. */
    public Map<String, String> failedDeployments() {
        return desired == null ? new TreeMap<>() : desired.deploymentFailures();
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
        return local.instances(d);
    }

    public boolean isDefault(WorkerDeployment d) {
        return local.isDefault(d);
    }

    /** Where the module came from, for the public listing: a registry path, or {@code download} for a URL. */
    public String listedRegistryUrl(WorkerDeployment d) {
        return d.source().startsWith("registry:") ? "/registry/" + d.source().substring("registry:".length()) : "download";
    }

    private static void requireName(String what, String value) {
        if (value == null || !io.capaee.functions.service.FunctionsConfig.NAME.matcher(value).matches()) {
            throw new WorkerException(400, "'" + what + "' must be 1 to 128 letters, digits, '.', '_' or '-' (not starting with '.'), was '" + value + "'");
        }
    }
}
