// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.ejb;

import io.capaee.actors.java.JavaActorType;
import io.capaee.actors.jobs.GrpcJobCallback;
import io.capaee.actors.jobs.JobDelivery;
import io.capaee.actors.jobs.JobSettings;
import io.capaee.actors.jobs.JobStore;
import io.capaee.actors.jobs.JobTargets;
import io.capaee.actors.jobs.Jobs;
import io.capaee.actors.remote.RemoteActorType;
import io.capaee.actors.remote.RemoteHosts;
import io.capaee.actors.runtime.ActorLimits;
import io.capaee.actors.runtime.ActorRuntimeCore;
import io.capaee.actors.runtime.ActorSettings;
import io.capaee.actors.runtime.Forwarder;
import io.capaee.actors.runtime.Placement;
import io.capaee.actors.placement.HttpForwarder;
import io.capaee.actors.placement.PartitionLeases;
import io.capaee.actors.placement.PlacementSettings;
import io.capaee.actors.runtime.Scheduler;
import io.capaee.actors.runtime.TypeStats;
import io.capaee.actors.store.ActorStore;
import io.capaee.actors.java.JavaActorHosting;
import io.capaee.api.actors.ActiveIdPage;
import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorHosting;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorReminder;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ReminderPage;
import io.capaee.api.actors.ReminderView;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import io.capaee.actors.wasm.ActorStateKeyValue;
import io.capaee.actors.wasm.WasmActorModule;
import io.capaee.actors.wasm.WasmActorType;
import io.capaee.api.binding.OutputBindingFactory;
import io.capaee.api.config.SelfUrl;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobScheduler;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.jobs.JobView;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.metrics.ActorMetrics;
import io.capaee.api.security.SecuritySettings;
import io.capaee.api.tracing.Traces;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.KeyNamespace;
import io.capaee.api.wasm.WasmEngine;
import io.capaee.grpc.AppCallbackChannels;
import io.capaee.grpc.AppProtocol;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The actor runtime as a startup singleton. Calls are queued per actor and run as turns on a pool
 * of managed threads (bean concurrency: the runtime keeps one turn queue per actor), a remote host's
 * answer is awaited without a thread, and the EJB {@code TimerService} drives
 * reminders, timers, the idle scan and the jobs of the schedule API ({@link Jobs}) with non-persistent
 * timers: durable reminders and jobs live in the key/value store and are re-armed here at start.
 */
@Singleton
@Startup
@Local({ActorRuntime.class, ActorHosting.class, JobScheduler.class})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ActorRuntimeBean implements ActorRuntime, ActorHosting, JobScheduler {
    private static final Logger LOG = Logger.getLogger(ActorRuntimeBean.class.getName());
    private static final String SCAN = "capa-actors-idle-scan";
    private static final String PLACE = "capa-actors-placement";

    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Resource
    TimerService timerService;

    /** MicroProfile Telemetry's OpenTelemetry, through lib-api's producer: CDI injection works in this EJB module. */
    @Inject
    Traces traces;

    /** MicroProfile Metrics' application registry; a session bean's jar is a bean archive, so CDI injects it here. */
    @Inject
    Instance<MetricRegistry> metricRegistry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Makes the threads of the turn pool: managed threads, with this application's context. */
    @Resource
    ManagedThreadFactory threads;

    private final Map<Long, Runnable> tasks = new ConcurrentHashMap<>();
    private final AtomicLong taskIds = new AtomicLong();
    private final List<ObjectName> mbeans = new ArrayList<>();
    /** Connections to a gRPC app, for its job callback ({@code capa.app.protocol=grpc}); none are opened otherwise. */
    private final AppCallbackChannels appCallbacks = new AppCallbackChannels();
    private ActorRuntimeCore core;
    private ThreadPoolExecutor turns;
    private ThreadPoolExecutor callbacks;
    private Jsonb jsonb;
    private WasmEngine wasm;
    private JavaActorHosting javaActors;
    private Jobs jobs;
    private PartitionLeases leases; // placement partitioned only
    private ActorMetrics actorMetrics; // null when no registry is there

    @PostConstruct
    void start() {
        Config config = ConfigProvider.getConfig();
        ActorSettings settings = new ActorSettings(
                config.getValue("capa.actors.idle-timeout", Duration.class),
                config.getValue("capa.actors.scan-interval", Duration.class),
                config.getValue("capa.actors.call-timeout", Duration.class),
                config.getValue("capa.actors.reentrancy", Boolean.class),
                config.getValue("capa.actors.max-stack-depth", Integer.class),
                config.getValue("capa.actors.key-prefix", String.class),
                config.getValue("capa.actors.max-queued-calls", Integer.class),
                new ActorLimits(
                        config.getValue("capa.actors.min-timer-period", Duration.class),
                        config.getValue("capa.actors.max-timers-per-actor", Integer.class),
                        config.getValue("capa.actors.max-timers", Integer.class),
                        config.getValue("capa.actors.max-active", Integer.class),
                        config.getValue("capa.actors.max-queued-bytes-per-actor", Long.class),
                        config.getValue("capa.actors.max-queued-bytes", Long.class)))
                .withCallerTurns(ActorSettings.callerTurns(config.getValue("capa.actors.caller-turns", Integer.class),
                        config.getValue("capa.executor.core-threads", Integer.class),
                        Runtime.getRuntime().availableProcessors()));
        Duration hostTimeout = config.getValue("capa.actors.host-timeout", Duration.class);
        turns = turnPool(config.getValue("capa.actors.turn-threads", Integer.class));
        // the client's callbacks (a remote host's answer ends a turn) run on managed threads of their
        // own: on the turn pool they could wait behind turns that are waiting for them
        callbacks = turnPool(4);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .executor(callbacks).build();
        RemoteHosts hosts = new RemoteHosts(config.getOptionalValue("capa.actors.hosts", String.class).orElse(""), http, hostTimeout, Clock.systemUTC());
        jsonb = JsonbBuilder.create();
        Placement placement = placement(config, settings);
        Forwarder forwarder = leases == null ? Forwarder.none() : new HttpForwarder(http, settings.callTimeout().plus(hostTimeout),
                config.getOptionalValue("capa.invoke.api-token", String.class));
        core = new ActorRuntimeCore(settings, new ActorStore(keyValue, settings.keyPrefix(), placement::fence), this::schedule,
                Clock.systemUTC(), hosts::find, turns, this::deadline, placement, forwarder, traces);
        actorMetrics = metricRegistry.isResolvable() ? new ActorMetrics(metricRegistry.get()) : null;
        // every hosted type's statistics as an MBean and metrics, those that discovery finds later too
        core.onTypeAdded(this::expose);
        register(new ActorRuntimeView(core), ActorRuntimeMXBean.OBJECT_NAME);
        javaActors = new JavaActorHosting(core, jsonb);
        for (Class<?> cls : JavaActorHosting.classes(ActorRuntimeBean.class.getClassLoader(),
                config.getOptionalValue("capa.actors.classes", String.class).orElse(""))) {
            host(cls.getName(), () -> new JavaActorType(cls, jsonb));
        }
        for (RemoteActorType t : hosts.fixedTypes()) {
            host(t.name(), () -> t);
        }
        String wasmTypes = config.getOptionalValue("capa.actors.wasm", String.class).orElse("");
        if (!wasmTypes.isBlank()) {
            ActorStateKeyValue actorState = new ActorStateKeyValue();
            wasm = new WasmEngine(new HostServices(Optional.of(actorState), Optional.empty(), "{\"actors\":true}",
                    (function, line) -> LOG.info(() -> "[wasm actor " + function + "] " + line), http), scheduler, true);
            for (WasmActorModule m : WasmActorModule.parse(wasmTypes)) {
                host(m.type(), () -> new WasmActorType(m.type(), wasm.load(m.type(), m.read(), FunctionSettings.defaults().withKeyNamespace(KeyNamespace.ownStore())), actorState));
            }
        }
        core.start();
        jobs = jobs(config, http);
        jobs.start();
        timerService.createIntervalTimer(settings.scanInterval().toMillis(), settings.scanInterval().toMillis(), new TimerConfig(SCAN, false));
        if (leases != null) {
            long every = Math.max(1, leases.renewEvery().toMillis());
            timerService.createIntervalTimer(every, every, new TimerConfig(PLACE, false));
        }
        LOG.info("CAPA-ACTORS: hosting actor types " + core.types() + " (idle timeout " + settings.idleTimeout() + ", scan every "
                + settings.scanInterval() + ", placement " + (leases == null ? "single" : "partitioned, owning partitions " + leases.owned()) + ")");
    }

    /**
     * {@code capa.actors.placement}: {@code single} (this server runs every actor it is asked for) or
     * {@code partitioned} (the servers sharing the key/value store share the actors, {@link PartitionLeases}).
     */
    private Placement placement(Config config, ActorSettings settings) {
        String kind = config.getValue("capa.actors.placement", String.class).strip();
        switch (kind) {
            case "single":
                return Placement.single();
            case "partitioned":
                String selfUrl = SelfUrl.of(config.getOptionalValue("capa.invoke.self-url", String.class), config.getValue("http.port", String.class));
                leases = new PartitionLeases(new PlacementSettings(config.getValue("capa.actors.partitions", Integer.class),
                        config.getValue("capa.actors.lease-duration", Duration.class), URI.create(selfUrl), settings.keyPrefix()),
                        keyValue, Clock.systemUTC());
                return leases;
            default:
                throw new IllegalArgumentException("capa.actors.placement must be single or partitioned, not '" + kind + "'");
        }
    }

    /** The jobs, on this bean's timers and the actors' key/value store; delivered on the managed executor. */
    private Jobs jobs(Config config, HttpClient http) {
        JobSettings settings = new JobSettings(config.getValue("capa.jobs.key-prefix", String.class),
                config.getValue("capa.jobs.max-jobs", Integer.class), config.getValue("capa.jobs.delivery-attempts", Integer.class),
                config.getValue("capa.jobs.retry-interval", Duration.class));
        JobTargets targets = new JobTargets(http, config.getValue("capa.jobs.delivery-timeout", Duration.class),
                config.getOptionalValue("capa.app.url", String.class).orElse(""),
                List.of(config.getOptionalValue("capa.jobs.allowed-urls", String.class).orElse("").split(",")),
                config.getValue("capa.bindings.functions-url", String.class),
                SecuritySettings.ownAppToken(config.getOptionalValue(SecuritySettings.APP_TOKEN_KEY, String.class)), core,
                ActorRuntimeBean::binding, grpcJobCallback(config));
        return new Jobs(settings, new JobStore(keyValue, settings.keyPrefix()), this::schedule, Clock.systemUTC(), targets, scheduler,
                leases == null ? Placement.single() : leases, traces);
    }

    /** A gRPC app's job callback, when {@code capa.app.protocol=grpc} and {@code capa.app.url} is set. */
    private Optional<JobDelivery> grpcJobCallback(Config config) {
        Optional<String> appUrl = config.getOptionalValue("capa.app.url", String.class).map(String::strip).filter(u -> !u.isEmpty());
        if (appUrl.isEmpty() || AppProtocol.of(config.getOptionalValue(AppProtocol.KEY, String.class).orElse("")) != AppProtocol.GRPC) {
            return Optional.empty();
        }
        return Optional.of(new GrpcJobCallback(appCallbacks, URI.create(appUrl.get()), config.getValue("capa.jobs.delivery-timeout", Duration.class)));
    }

    private static OutputBindingFactory binding(String name) {
        try {
            return InitialContext.doLookup("eis/binding/" + name);
        } catch (NamingException | ClassCastException e) {
            throw new JobException(JobException.Reason.DELIVERY,
                    "no output binding eis/binding/" + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The pool that runs turns. Not the server's default managed executor: that one shares Liberty's
     * small default pool, which grows slowly, and a turn may block for as long as its actor's method
     * does; here up to {@code size} turns run at once, threads start as turns arrive and end after a
     * minute idle, and further turns queue (never run on, nor block, the caller's thread).
     */
    private ThreadPoolExecutor turnPool(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("capa.actors.turn-threads must be at least 1, not " + size);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Ends a queued call's wait: many short-lived, usually cancelled tasks, so not EJB timers. */
    private Scheduler.Scheduled deadline(Instant at, Runnable task) {
        ScheduledFuture<?> f = scheduler.schedule(task, Math.max(0, Duration.between(Instant.now(), at).toMillis()), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @PreDestroy
    void stop() {
        if (jobs != null) {
            jobs.stop();
        }
        appCallbacks.close();
        core.stop();
        turns.shutdown();
        callbacks.shutdown();
        if (wasm != null) {
            wasm.close();
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : mbeans) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.fine("MBean " + name + " was already gone");
            }
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.fine("closing JSON-B: " + e);
        }
    }

    /**
     * Registers one configured type; a type that cannot be hosted is logged and left out rather
     * than failing the whole application (the proxy, functions and the other actor types still run).
     */
    private void host(String what, java.util.function.Supplier<io.capaee.actors.runtime.HostedType> type) {
        try {
            core.register(type.get());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "CAPA-ACTORS: " + what + " is not hosted: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> hostActors(ClassLoader loader) {
        return javaActors.hostActors(loader);
    }

    private void expose(TypeStats stats) {
        if (actorMetrics != null) {
            stats.metrics(actorMetrics.recorder(stats.getType(), stats::getQueued, stats::getReminders));
        }
        register(stats, "io.capaee:type=Actors,name=" + ObjectName.quote(stats.getType()));
    }

    /** Registers an MBean, replacing one an application that did not stop cleanly left behind. */
    private void register(Object mbean, String objectName) {
        try {
            ObjectName name = new ObjectName(objectName);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
            synchronized (mbeans) {
                mbeans.add(name);
            }
        } catch (JMException e) {
            LOG.log(Level.WARNING, "could not register the MBean " + objectName, e);
        }
    }

    private Scheduler.Scheduled schedule(Instant at, Runnable task) {
        long id = taskIds.incrementAndGet();
        tasks.put(id, task);
        Timer timer = timerService.createSingleActionTimer(Date.from(at), new TimerConfig(id, false));
        return () -> {
            if (tasks.remove(id) != null) {
                try {
                    timer.cancel();
                } catch (NoSuchObjectLocalException | IllegalStateException e) {
                    // it fired or was cancelled meanwhile: nothing left to cancel
                }
            }
        };
    }

    @Timeout
    void timeout(Timer timer) {
        Object info = timer.getInfo();
        if (SCAN.equals(info)) {
            core.scanIdle();
        } else if (PLACE.equals(info)) {
            leases.tick();
            jobs.rescan();
        } else if (info instanceof Long id) {
            Runnable task = tasks.remove(id);
            if (task != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "an actor or job timer task failed", e);
                }
            }
        }
    }

    // ---- ActorRuntime, delegated ----

    @Override
    public ActorResponse invoke(ActorId actor, String method, ActorRequest request) {
        return core.invoke(actor, method, request);
    }

    @Override
    public CompletionStage<ActorResponse> invokeAsync(ActorId actor, String method, ActorRequest request) {
        return core.invokeAsync(actor, method, request);
    }

    @Override
    public CompletionStage<ActorResponse> invokeOnCaller(ActorId actor, String method, ActorRequest request) {
        return core.invokeOnCaller(actor, method, request);
    }

    @Override
    public Optional<String> getState(ActorId actor, String key) {
        return core.getState(actor, key);
    }

    @Override
    public void transaction(ActorId actor, List<StateOperation> operations) {
        core.transaction(actor, operations);
    }

    @Override
    public void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
        core.createReminder(actor, name, spec, overwrite);
    }

    @Override
    public Optional<ReminderView> getReminder(ActorId actor, String name) {
        return core.getReminder(actor, name);
    }

    @Override
    public boolean deleteReminder(ActorId actor, String name) {
        return core.deleteReminder(actor, name);
    }

    @Override
    public void createTimer(ActorId actor, String name, ScheduleSpec spec) {
        core.createTimer(actor, name, spec);
    }

    @Override
    public boolean deleteTimer(ActorId actor, String name) {
        return core.deleteTimer(actor, name);
    }

    @Override
    public Set<String> types() {
        return core.types();
    }

    // ---- JobScheduler, delegated ----

    @Override
    public void schedule(JobSpec job, boolean overwrite) {
        jobs.schedule(job, overwrite);
    }

    @Override
    public Optional<JobView> get(String name) {
        return jobs.get(name);
    }

    @Override
    public List<JobView> list() {
        return jobs.list();
    }

    @Override
    public boolean delete(String name) {
        return jobs.delete(name);
    }

    @Override
    public List<ActorTypeStatus> status() {
        return core.status();
    }

    @Override
    public List<ActorGroupMember> members() {
        return core.members();
    }

    @Override
    public ActiveIdPage activeIds(String type, int offset, int limit) {
        return core.activeIds(type, offset, limit);
    }

    @Override
    public boolean deactivate(ActorId actor) {
        return core.deactivate(actor);
    }

    @Override
    public ReminderPage reminders(String type, int offset, int limit) {
        return core.reminders(type, offset, limit);
    }

    @Override
    public List<ActorReminder> reminders(ActorId actor) {
        return core.reminders(actor);
    }

    @Override
    public ActorRuntime here() {
        return core.here();
    }
}
