// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.testing.Guests;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.query.QueryConnectionFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a test needs to run guests: a watchdog scheduler, a recording guest log and a
 * redirect-free HTTP client. One per test (created in {@code @BeforeEach}, closed after it).
 */
public final class TestHost implements AutoCloseable {
    public static final String HOST_INFORMATION = "{\"httpPort\":8080}";
    /** Names the engine the tests run on. */
    public static final String ENGINE_PROPERTY = "capa.test.wasm.engine";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> log = new ArrayList<>();
    private final List<WasmFunction> loaded = new ArrayList<>();

    /** Services with neither key/value store nor query connection. */
    public HostServices services() {
        return services(Optional.empty(), Optional.empty());
    }

    public HostServices services(Optional<KeyValueConnectionFactory> keyValue, Optional<QueryConnectionFactory> query) {
        return new HostServices(keyValue, query, HOST_INFORMATION, this::record, http);
    }

    private synchronized void record(String function, String message) {
        log.add(function + ": " + message);
    }

    /** Guest log lines so far, each as {@code function: message}. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public WasmEngine engine(EngineKind kind) {
        return engine(kind, services());
    }

    /**
     * An engine of the kind asked for, on the engine named by the system property
     * {@value #ENGINE_PROPERTY} (Chicory when unset): lib-wasm-graal runs these tests on GraalWasm.
     */
    public WasmEngine engine(EngineKind kind, HostServices services) {
        return new WasmEngine(System.getProperty(ENGINE_PROPERTY, WasmEngine.CHICORY), services, scheduler, kind.useCompiler(), Optional.empty(), 1);
    }

    /** Loads a guest on a fresh engine; the function is closed with this host. */
    public WasmFunction load(EngineKind kind, String guest, FunctionSettings settings) {
        return track(engine(kind).load(guest, Guests.bytes(guest), settings));
    }

    /** Loads a guest on a fresh engine with these services. */
    public WasmFunction load(EngineKind kind, HostServices services, String guest, FunctionSettings settings) {
        return track(engine(kind, services).load(guest, Guests.bytes(guest), settings));
    }

    public WasmFunction load(EngineKind kind, String guest) {
        return load(kind, guest, FunctionSettings.defaults());
    }

    public synchronized WasmFunction track(WasmFunction function) {
        loaded.add(function);
        return function;
    }

    @Override
    public synchronized void close() {
        loaded.forEach(WasmFunction::close);
        scheduler.shutdownNow();
    }
}
