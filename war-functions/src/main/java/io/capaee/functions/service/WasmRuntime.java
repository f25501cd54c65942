// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.api.tracing.Traces;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmEngine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's one wasm engine, wired to the resource adapter's connections (Redis or memory
 * for {@code hostRedis*}, Couchbase for {@code hostCouchBaseQuery}) and to Liberty's managed
 * scheduler for time limits.
 */
@ApplicationScoped
public class WasmRuntime {
    private static final Logger LOG = Logger.getLogger(WasmRuntime.class.getName());
    private static final Logger GUEST_LOG = Logger.getLogger("io.capaee.functions.guest");

    @Resource(lookup = "eis/capa/keyvalue")
    KeyValueConnectionFactory keyValue;

    @Resource(lookup = "eis/capa/couchbase")
    QueryConnectionFactory couchbase;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    FunctionsConfig config;

    @Inject
    Traces traces;

    private WasmEngine engine;

    @PostConstruct
    void start() {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HostServices services = new HostServices(Optional.ofNullable(keyValue), Optional.ofNullable(couchbase),
                config.hostInformation(), (function, line) -> GUEST_LOG.info(() -> "[" + function + "] " + line), http,
                FunctionTraces.hostCalls(traces), traces);
        try {
            engine = new WasmEngine(config.engine(), services, scheduler, config.compiler(), config.compiledCache(), config.compiledCacheMaxBytes());
        } catch (IllegalArgumentException e) {
            // the application does not start without its engine; Liberty logs that far from the reason, under a stack trace
            LOG.log(Level.SEVERE, "capa.functions.engine={0}: {1}", new Object[] {config.engine(), e.getMessage()});
            throw e;
        }
        // which engine (capa.functions.engine) and JVM a server's functions run on, for whoever reads its log
        LOG.log(Level.INFO, "wasm functions run on the {0} engine, Java {1}", new Object[] {engine.name(), Runtime.version()});
    }

    @PreDestroy
    void stop() {
        engine.close();
    }

    public WasmEngine engine() {
        return engine;
    }

    public ManagedScheduledExecutorService scheduler() {
        return scheduler;
    }
}
