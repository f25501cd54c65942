// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import io.capaee.api.jmx.ManagedBeans;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The deployed functions, by name and revision. A new version replaces the old one atomically;
 * a module that fails to load leaves the running version in place and is reported in
 * {@link #failures()}, so a bad upload never takes a working function away.
 */
@ApplicationScoped
public class FunctionRegistry {
    public static final String DEFAULT_REVISION = "default";
    private static final Logger LOG = Logger.getLogger(FunctionRegistry.class.getName());

    @Inject
    WasmRuntime runtime;

    @Inject
    FunctionsConfig config;

    @Inject
    FunctionMetrics metrics;

    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    /** Each deployed revision as {@code io.capaee:type=Functions,name="<function>/<revision>"}. */
    private final ManagedBeans mbeans = new ManagedBeans();
    private final Map<String, DeploymentFailure> failures = new ConcurrentHashMap<>();
    /** function -> the revision its default points to, set by the worker's set_default_revision. */
    private final Map<String, String> defaultRevisions = new ConcurrentHashMap<>();

    /** Loads and deploys; returns the deployment or throws WasmFunctionException, keeping the old one. */
    public Deployment deploy(String name, String revision, byte[] wasm, String source) {
        return deploy(name, revision, wasm, source, Map.of());
    }

    /** As {@link #deploy(String, String, byte[], String)}, with environment variables added to the configured ones. */
    public Deployment deploy(String name, String revision, byte[] wasm, String source, Map<String, String> extraEnvironment) {
        return install(name, revision, load(name, revision, wasm, source, extraEnvironment), source);
    }

    /**
     * Loads a module for {@code name}/{@code revision} without deploying it, so that a caller can
     * do what must succeed first (store it, route it) and then {@link #install} it, or close it.
     *
     * @throws WasmFunctionException naming what is wrong with the module (also kept in {@link #failures()})
     */
    public WasmFunction load(String name, String revision, byte[] wasm, String source, Map<String, String> extraEnvironment) {
        try {
            var settings = config.settingsFor(name);
            if (!extraEnvironment.isEmpty()) {
                Map<String, String> env = new java.util.LinkedHashMap<>(settings.environment());
                env.putAll(extraEnvironment);
                settings = settings.withEnvironment(env);
            }
            return runtime.engine().load(label(name, revision), wasm, settings);
        } catch (WasmFunctionException | FunctionsException | IllegalArgumentException e) {
            failures.put(key(name, revision), new DeploymentFailure(name, revision, source, e.getMessage(), Instant.now()));
            LOG.log(Level.WARNING, "wasm function {0} from {1} was not deployed: {2}", new Object[] {label(name, revision), source, e.getMessage()});
            throw e;
        }
    }

    /** Deploys a function {@link #load loaded} for {@code name}/{@code revision}, replacing (and closing) the one deployed. */
    public Deployment install(String name, String revision, WasmFunction function, String source) {
        String key = key(name, revision);
        failures.remove(key);
        Deployment deployment = new Deployment(name, revision, function, source, Instant.now(), metrics.recorder(name, revision));
        Deployment previous = deployments.put(key, deployment);
        mbeans.register(ManagedBeans.name("Functions", key), new FunctionView(deployment));
        if (previous != null) {
            previous.function().close();
        }
        LOG.log(Level.INFO, "wasm function {0} deployed from {1} ({2} bytes, Capsule ABI {3}, {4})", new Object[] {
                label(name, revision), source, function.info().size(), function.info().generation(), function.info().compiled() ? "compiled" : "interpreted"});
        return deployment;
    }

    /** Removes a revision if it is still the one deployed from {@code source}. */
    public void undeploy(String name, String revision, String source) {
        String key = key(name, revision);
        failures.remove(key);
        Deployment current = deployments.get(key);
        if (current != null && current.source().equals(source) && deployments.remove(key, current)) {
            mbeans.unregister(ManagedBeans.name("Functions", key));
            current.function().close();
            LOG.log(Level.INFO, "wasm function {0} undeployed ({1} is gone)", new Object[] {label(name, revision), source});
        }
    }

    /** Makes {@code /functions/{name}} call {@code revision}. @throws FunctionNotFoundException when it is not deployed */
    public void setDefault(String name, String revision) {
        find(name, revision);
        defaultRevisions.put(name, revision);
    }

    /** Undoes {@link #setDefault}; true when a default was set. */
    public boolean removeDefault(String name) {
        return defaultRevisions.remove(name) != null;
    }

    /** The revision {@code name}'s default points to, when the worker set one. */
    public java.util.Optional<String> defaultOf(String name) {
        return java.util.Optional.ofNullable(defaultRevisions.get(name));
    }

    /** Removes a revision whatever its source; true when it was deployed. Clears a default pointing to it. */
    public boolean remove(String name, String revision) {
        defaultRevisions.remove(name, revision);
        failures.remove(key(name, revision));
        Deployment current = deployments.remove(key(name, revision));
        if (current != null) {
            mbeans.unregister(ManagedBeans.name("Functions", key(name, revision)));
            current.function().close();
            LOG.log(Level.INFO, "wasm function {0} removed", label(name, revision));
        }
        return current != null;
    }

    public Deployment find(String name, String revision) {
        String aliased = DEFAULT_REVISION.equals(revision) ? defaultRevisions.getOrDefault(name, revision) : revision;
        Deployment d = deployments.get(key(name, aliased));
        if (d == null) {
            boolean known = deployments.values().stream().anyMatch(x -> x.name().equals(name));
            throw new FunctionNotFoundException(known
                    ? "function '" + name + "' has no revision '" + revision + "'"
                    : "no function named '" + name + "' is deployed");
        }
        return d;
    }

    public List<Deployment> deployments() {
        List<Deployment> all = new ArrayList<>(deployments.values());
        all.sort(Comparator.comparing(Deployment::name).thenComparing(Deployment::revision));
        return all;
    }

    public List<DeploymentFailure> failures() {
        List<DeploymentFailure> all = new ArrayList<>(failures.values());
        all.sort(Comparator.comparing(DeploymentFailure::name).thenComparing(DeploymentFailure::revision));
        return all;
    }

    @PreDestroy
    void stop() {
        deployments.values().forEach(d -> d.function().close());
        deployments.clear();
        mbeans.close();
    }

    private static String key(String name, String revision) {
        return name + "/" + revision;
    }

    static String label(String name, String revision) {
        return DEFAULT_REVISION.equals(revision) ? name : name + "/" + revision;
    }
}
