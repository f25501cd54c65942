// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.functions.service.FunctionNotFoundException;
import io.capaee.functions.service.FunctionRegistry;
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

/**
 * The worker's deployments on this server: revisions in the {@link FunctionRegistry}, this
 * server's URLs in the route table. Each change takes a {@code store} step, run once the change
 * is ready but before it replaces what runs; when the step throws, what ran before runs on. The
 * API passes the desired state's writes; the reconciler (applying what is already stored) passes
 * nothing, through the {@link WorkerDesiredState.Local} methods.
 */
final class LocalWorker implements WorkerDesiredState.Local {
    private static final Logger LOG = Logger.getLogger(LocalWorker.class.getName());

    private final FunctionRegistry registry;
    private final WorkerRoutes routes;
    private final ModuleFetcher fetcher;
    private final String proxyBase;
    private final Map<String, WorkerDeployment> deployments = new ConcurrentHashMap<>();

    LocalWorker(FunctionRegistry registry, WorkerRoutes routes, ModuleFetcher fetcher, String proxyBase) {
        this.registry = registry;
        this.routes = routes;
        this.fetcher = fetcher;
        this.proxyBase = proxyBase;
    }

    ModuleFetcher fetcher() {
        return fetcher;
    }

    /**
     * Runs {@code fetched} as {@code function/revision} with {@code instances} (empty: Capsule's
     * count: the same module once more is one more instance, another module keeps the count).
     * The module is loaded (compiled, its instances started) outside this object's lock, so that
     * the reconciler can deploy several revisions side by side at start; the change itself is
     * made under the lock, and refused when another one replaced the revision meanwhile.
     */
    WorkerService.Deployed install(String function, String revision, ModuleFetcher.Fetched fetched, Map<String, String> environment,
            OptionalInt instances, Consumer<WorkerSpec> store) {
        WorkerDeployment previous;
        WorkerDeployment next;
        int count;
        synchronized (this) {
            previous = deployments.get(key(function, revision));
            boolean same = previous != null && previous.sha256().equals(fetched.sha256()) && previous.environment().equals(environment);
            int running = previous == null ? 0 : instances(previous);
            count = instances.orElse(same ? running + 1 : Math.max(1, running));
            next = new WorkerDeployment(function, revision, fetched.source(), fetched.sha256(), environment,
                    routes.localUrl(function, revision), proxyBase + "/functions/" + function + "/" + revision);
            if (same && previous.source().equals(next.source())) {
                store.accept(WorkerSpec.of(next, count));
                registry.find(function, revision).function().scale(count);
                deployments.put(key(function, revision), next);
                return new WorkerService.Deployed(next, count);
            }
        }
        WasmFunction loaded;
        try {
            loaded = registry.load(function, revision, fetched.bytes(), fetched.source(), environment);
        } catch (WasmFunctionException e) {
            throw new WorkerException(422, "the module cannot be deployed: " + e.getMessage(), e);
        }
        synchronized (this) {
            if (deployments.get(key(function, revision)) != previous) {
                loaded.close();
                throw new WorkerException(409, function + "/" + revision + " was changed by another deployment meanwhile; try again");
            }
            boolean routed = false;
            try {
                routed = routes.add(function, revision);
                store.accept(WorkerSpec.of(next, count));
            } catch (RuntimeException e) {
                loaded.close();
                if (routed) {
                    undo("route of " + function + "/" + revision, () -> routes.remove(function, revision));
                }
                throw e;
            }
            registry.install(function, revision, loaded, fetched.source()).function().scale(count);
            deployments.put(key(function, revision), next);
            return new WorkerService.Deployed(next, count);
        }
    }

    /** Makes {@code spec.revision()} the default of its function here and in the routes. */
    synchronized void applyDefault(WorkerDefaultSpec spec, Consumer<WorkerDefaultSpec> store) {
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

    /** Capsule's remove_default_revision: the default goes here and from the routes, whoever routed it; false when there was none. */
    synchronized boolean dropDefault(String function, Runnable store) {
        boolean had = registry.defaultOf(function).isPresent() || routes.hasDefault(function);
        if (had) {
            store.run();
            registry.removeDefault(function);
            routes.dropDefault(function);
        }
        return had;
    }

    /** Removes a revision, and the default if it pointed here (Capsule left it routed to killed processes, spec B13). */
    synchronized void removeRevision(String function, String revision, Consumer<Boolean> store) {
        deployed(function, revision);
        boolean wasDefault = registry.defaultOf(function).filter(revision::equals).isPresent();
        store.accept(wasDefault);
        if (wasDefault) {
            routes.dropDefault(function);
        }
        remove(function, revision);
    }

    /** Takes one instance away if the revision has at least two; returns the count left, or empty. */
    synchronized Optional<Integer> downscale(String function, String revision, Consumer<WorkerSpec> store) {
        WorkerDeployment d = deployed(function, revision);
        WasmFunction wasm = registry.find(function, revision).function();
        if (wasm.instances() < 2) {
            return Optional.empty();
        }
        store.accept(WorkerSpec.of(d, wasm.instances() - 1));
        wasm.scale(wasm.instances() - 1);
        return Optional.of(wasm.instances());
    }

    /**
     * Puts back this server's URLs that the route table lacks: of every revision that runs here, and
     * of the default here (dropped by another server that saw this one's heartbeat lapse); returns
     * how many. Under the lock, so that it never brings back a revision being removed.
     */
    synchronized int restoreRoutes() {
        int restored = 0;
        for (WorkerDeployment d : deployments.values()) {
            if (!routes.routesHere(d.function(), d.revision(), d.revision()) && routes.add(d.function(), d.revision())) {
                restored++;
            }
            Optional<String> byDefault = defaultHere(d.function()).filter(d.revision()::equals);
            if (byDefault.isPresent() && !routes.routesHere(d.function(), io.capaee.api.routes.RouteTable.DEFAULT_REVISION, d.revision())) {
                routes.setDefault(d.function(), d.revision());
                restored++;
            }
        }
        return restored;
    }

    /** Takes out of the route table this server's URLs of revisions that do not run here. */
    List<WorkerRoutes.Url> removeStaleRoutes() {
        return routes.removeStale(this::runs, this::defaultHere);
    }

    @Override
    public void apply(WorkerSpec spec) {
        WorkerDeployment running = deployments.get(spec.id());
        if (running != null && spec.sameModule(running)) {
            synchronized (this) {
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
        install(spec.function(), spec.revision(), fetched, spec.environment(), OptionalInt.of(spec.instances()), s -> {});
    }

    @Override
    public synchronized void remove(String function, String revision) {
        if (registry.defaultOf(function).filter(revision::equals).isPresent()) {
            routes.removeDefault(function);
        }
        routes.remove(function, revision);
        registry.remove(function, revision);
        deployments.remove(key(function, revision));
    }

    @Override
    public void applyDefault(WorkerDefaultSpec spec) {
        applyDefault(spec, s -> {});
    }

    @Override
    public synchronized void removeDefault(String function) {
        registry.removeDefault(function);
        routes.removeDefault(function);
    }

    List<WorkerDeployment> deployments() {
        List<WorkerDeployment> all = new ArrayList<>(deployments.values());
        all.sort(Comparator.comparing(WorkerDeployment::function).thenComparing(WorkerDeployment::revision));
        return all;
    }

    int instances(WorkerDeployment d) {
        try {
            return registry.find(d.function(), d.revision()).function().instances();
        } catch (FunctionNotFoundException e) {
            return 0;
        }
    }

    boolean isDefault(WorkerDeployment d) {
        return registry.defaultOf(d.function()).filter(d.revision()::equals).isPresent();
    }

    WorkerDeployment deployed(String function, String revision) {
        WorkerDeployment d = deployments.get(key(function, revision));
        if (d == null) {
            throw new WorkerException(404, "the worker has no deployment of " + function + "/" + revision);
        }
        return d;
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

    private static void undo(String what, Runnable undo) {
        try {
            undo.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not take back the {0} after the desired state refused the change: {1}", new Object[] {what, e.getMessage()});
        }
    }

    private static String key(String function, String revision) {
        return function + "/" + revision;
    }
}
