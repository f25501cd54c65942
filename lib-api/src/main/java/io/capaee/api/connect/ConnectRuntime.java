// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * This runtime's self-description, the Connect way: {@code runtime.yml} and one definition file per
 * source and sink, kept as resources beside this class ({@code runtime/}). The same definitions
 * validate connector documents ({@link ConnectorParser}), so what the runtime advertises is what
 * it checks. Immutable once loaded.
 */
public final class ConnectRuntime {
    /** The sources this runtime implements. */
    public static final List<String> SOURCES = List.of("nats", "nats_jetstream", "nats_kv", "kafka", "redis_streams",
            "mqtt", "rabbitmq", "http");
    /** The sinks this runtime implements. */
    public static final List<String> SINKS = List.of("nats", "nats_jetstream", "nats_kv", "kafka", "redis_streams",
            "mqtt", "rabbitmq", "http");
    private static final String ROOT = "runtime/";

    private final Map<String, Object> runtime;
    private final Map<String, ComponentDefinition> sources = new LinkedHashMap<>();
    private final Map<String, ComponentDefinition> sinks = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    private ConnectRuntime() {
        Load load = new Load(LoadSettings.builder().setLabel("connect runtime").build());
        runtime = (Map<String, Object>) load.loadFromString(text("runtime.yml").orElseThrow());
        for (String name : SOURCES) {
            sources.put(name, ComponentDefinition.of((Map<String, Object>) load.loadFromString(
                    text("sources/" + name + ".yml").orElseThrow())));
        }
        for (String name : SINKS) {
            sinks.put(name, ComponentDefinition.of((Map<String, Object>) load.loadFromString(
                    text("sinks/" + name + ".yml").orElseThrow())));
        }
    }

    /** Reads the definitions; fails when one is missing (a packaging error). */
    public static ConnectRuntime load() {
        return new ConnectRuntime();
    }

    /** The parsed {@code runtime.yml}. */
    public Map<String, Object> runtime() {
        return runtime;
    }

    public Optional<ComponentDefinition> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    public Optional<ComponentDefinition> sink(String name) {
        return Optional.ofNullable(sinks.get(name));
    }

    public List<ComponentDefinition> sources() {
        return List.copyOf(sources.values());
    }

    public List<ComponentDefinition> sinks() {
        return List.copyOf(sinks.values());
    }

    /**
     * The text of one definition file: {@code runtime.yml}, {@code sources/<name>.yml} or
     * {@code sinks/<name>.yml}; empty for any other path.
     */
    public static Optional<String> file(String path) {
        if (!path.equals("runtime.yml") && !path.matches("(sources|sinks)/[a-z_]+\\.yml")) {
            return Optional.empty();
        }
        return text(path);
    }

    private static Optional<String> text(String path) {
        try (InputStream in = ConnectRuntime.class.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the connector runtime definition " + path, e);
        }
    }
}
