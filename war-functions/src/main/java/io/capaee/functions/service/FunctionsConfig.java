// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import io.capaee.api.config.Durations;
import io.capaee.api.config.RenamedSettings;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.KeyNamespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code capa.functions.*} configuration (server.xml variables, environment, MicroProfile
 * Config sources). The defaults are server.xml's; per-function keys are
 * {@code capa.functions.<name>.<setting>} and fall back to {@code capa.functions.default.<setting>}.
 * Old names ({@code functions.*}) declare functions too, for one release ({@link RenamedSettings}).
 */
@ApplicationScoped
public class FunctionsConfig {
    /** Names and revisions: letters, digits, '-', '_' and '.', not starting with '.'. */
    /** Every key of this area starts so; {@code PREFIX + name + "." + setting} are a function's own. */
    static final String PREFIX = "capa.functions.";

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "capa.functions.directory")
    String directory;

    @Inject
    @ConfigProperty(name = "capa.functions.files-root")
    String filesRoot;

    @Inject
    @ConfigProperty(name = "capa.functions.scan-interval")
    Duration scanInterval;

    @Inject
    @ConfigProperty(name = "capa.functions.max-body-bytes")
    long maxBodyBytes;

    @Inject
    @ConfigProperty(name = "capa.functions.compiler")
    boolean compiler;

    /** {@code chicory} (the default) or {@code graalwasm} (lib-wasm-graal on the class path, Java 21+; docs/functions.md). */
    @Inject
    @ConfigProperty(name = "capa.functions.engine", defaultValue = "chicory")
    String engine;

    /** Where compiled modules are kept across restarts, relative to the server's output directory. */
    @Inject
    @ConfigProperty(name = "capa.functions.compiled-cache", defaultValue = "compiled-wasm")
    String compiledCache;

    /** How much the kept compiled modules may take; 0 keeps none. */
    @Inject
    @ConfigProperty(name = "capa.functions.compiled-cache-max-bytes", defaultValue = "268435456")
    long compiledCacheMaxBytes;

    /** {@code function}: each function its own keys ({@code capa:fn:<name>:}); {@code shared}: one namespace, {@code capa:guest:}. */
    @Inject
    @ConfigProperty(name = "capa.functions.kv-namespace")
    String kvNamespace;

    @Inject
    @ConfigProperty(name = "capa.functions.max-file-bytes")
    long maxFileBytes;

    @Inject
    @ConfigProperty(name = "capa.functions.max-write-bytes")
    long maxWriteBytes;

    @Inject
    @ConfigProperty(name = "http.port")
    String httpPort;

    /** The compiled-module cache's directory; empty when {@code capa.functions.compiled-cache-max-bytes} is 0. */
    public Optional<Path> compiledCache() {
        if (compiledCacheMaxBytes < 0) {
            throw new IllegalArgumentException("capa.functions.compiled-cache-max-bytes must be 0 (no cache) or more, not " + compiledCacheMaxBytes);
        }
        return compiledCacheMaxBytes == 0 ? Optional.empty() : Optional.of(Path.of(compiledCache));
    }

    public long compiledCacheMaxBytes() {
        return compiledCacheMaxBytes;
    }

    public Path directory() {
        return Path.of(directory);
    }

    public Duration scanInterval() {
        return scanInterval;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public boolean compiler() {
        return compiler;
    }

    public String engine() {
        return engine;
    }

    public String hostInformation() {
        return "{\"httpPort\":" + httpPort.replaceAll("[^0-9]", "") + "}";
    }

    /** The settings of function {@code name}: its own keys, then the defaults. */
    public FunctionSettings settingsFor(String name) {
        FunctionSettings base = FunctionSettings.defaults();
        FunctionSettings s = base
                .withEnvironment(environment(name))
                .withFilesDirectory(Path.of(value(name, "files").orElse(Path.of(filesRoot, name).toString())))
                .withHttpAllowList(value(name, "http-allow").map(FunctionsConfig::list).orElse(List.of()))
                .withHttpTimeout(value(name, "http-timeout").map(v -> duration(name, "http-timeout", v)).orElse(base.httpTimeout()))
                .withCallTimeout(value(name, "timeout").map(v -> duration(name, "timeout", v)).orElse(base.callTimeout()))
                .withMaxMemoryPages(value(name, "max-memory-pages").map(v -> integer(name, "max-memory-pages", v)).orElse(base.maxMemoryPages()))
                .withKeyNamespace(keyNamespace(kvNamespace, name))
                .withMaxFileBytes(nonNegative("capa.functions.max-file-bytes", maxFileBytes))
                .withMaxWriteBytes(nonNegative("capa.functions.max-write-bytes", maxWriteBytes));
        return value(name, "max-idle-instances").map(v -> s.withMaxIdleInstances(integer(name, "max-idle-instances", v))).orElse(s);
    }

    /** The guest key namespace of function {@code name} under {@code capa.functions.kv-namespace} = {@code mode}. */
    static KeyNamespace keyNamespace(String mode, String name) {
        return switch (mode.trim()) {
            case "function" -> KeyNamespace.function(name);
            case "shared" -> KeyNamespace.shared();
            default -> throw new FunctionsException("capa.functions.kv-namespace = '" + mode + "': use 'function' or 'shared'");
        };
    }

    private static long nonNegative(String key, long value) {
        if (value < 0) {
            throw new FunctionsException(key + " = " + value + ": must be 0 or more");
        }
        return value;
    }

    /** Functions declared by configuration: {@code capa.functions.<name>.wasm} (a file) or {@code .url}. */
    public Map<String, String> declaredModules() {
        Map<String, String> declared = new LinkedHashMap<>();
        for (String key : config.getPropertyNames()) {
            String[] parts = RenamedSettings.currentName(key).split("\\.");
            if (parts.length == 4 && parts[0].equals("capa") && parts[1].equals("functions")
                    && (parts[3].equals("wasm") || parts[3].equals("url"))
                    && !parts[2].equals("default") && NAME.matcher(parts[2]).matches()) {
                config.getOptionalValue(key, String.class).ifPresent(v -> declared.put(parts[2], v));
            }
        }
        return declared;
    }

    private Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String prefix : List.of("capa.functions.default.env.", PREFIX + name + ".env.")) {
            for (String key : config.getPropertyNames()) {
                String current = RenamedSettings.currentName(key);
                if (current.startsWith(prefix) && current.length() > prefix.length()) {
                    config.getOptionalValue(key, String.class).ifPresent(v -> env.put(current.substring(prefix.length()), v));
                }
            }
        }
        return env;
    }

    private Optional<String> value(String name, String setting) {
        Optional<String> own = config.getOptionalValue(PREFIX + name + "." + setting, String.class);
        return own.isPresent() ? own : config.getOptionalValue(PREFIX + "default." + setting, String.class);
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration duration(String name, String setting, String v) {
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new FunctionsException(PREFIX + name + "." + setting + ": " + e.getMessage(), e);
        }
    }

    private static int integer(String name, String setting, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new FunctionsException(PREFIX + name + "." + setting + " = '" + v + "' is not a whole number", e);
        }
    }
}
