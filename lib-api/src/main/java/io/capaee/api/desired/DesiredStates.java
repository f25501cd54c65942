// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import io.capaee.api.config.Durations;
import io.capaee.api.kv.KeyValueConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Chooses the desired-state store from MicroProfile Config (server.xml variables), the same way in
 * every WAR, so that they all write to one place. The defaults are stated here only.
 */
public final class DesiredStates {
    /** {@code auto} (the default), {@code file} or {@code keyvalue}. */
    public static final String STORE = "capa.desired-state.store";
    /** The directory of the file store; relative to the server's output directory, where Liberty runs. */
    public static final String DIRECTORY = "capa.desired-state.directory";
    /** The key prefix of the key/value store. */
    public static final String KEY_PREFIX = "capa.desired-state.key-prefix";
    /** How often the stored state is compared with what runs (changes made by another server). */
    public static final String INTERVAL = "capa.desired-state.interval";

    public static final String DEFAULT_DIRECTORY = "desired-state";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private DesiredStates() {}

    /**
     * The store of this server: with {@code auto}, the key/value store when it is Redis
     * ({@code capa.kv.backend=redis}: shared by the servers of the application), files otherwise.
     */
    public static DesiredState fromConfig(KeyValueConnectionFactory keyValue) {
        Config config = ConfigProvider.getConfig();
        String store = value(config, STORE, "auto").toLowerCase(Locale.ROOT);
        boolean redis = "redis".equalsIgnoreCase(config.getValue("capa.kv.backend", String.class).strip());
        return switch (store) {
            case "file" -> files(config);
            case "keyvalue" -> keyValue(config, keyValue);
            case "auto" -> redis ? keyValue(config, keyValue) : files(config);
            default -> throw new DesiredStateException(STORE + ": must be auto, file or keyvalue, was '" + store + "'");
        };
    }

    /** {@value #INTERVAL}, at least one second. */
    public static Duration interval() {
        Config config = ConfigProvider.getConfig();
        String text = value(config, INTERVAL, DEFAULT_INTERVAL.toString());
        try {
            Duration interval = Durations.parse(text);
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new DesiredStateException(INTERVAL + ": must be at least PT1S, was '" + text + "'");
            }
            return interval;
        } catch (IllegalArgumentException e) {
            throw new DesiredStateException(INTERVAL + ": " + e.getMessage(), e);
        }
    }

    private static DesiredState files(Config config) {
        return new FileDesiredState(Path.of(value(config, DIRECTORY, DEFAULT_DIRECTORY)));
    }

    private static DesiredState keyValue(Config config, KeyValueConnectionFactory keyValue) {
        String appId = config.getValue("capa.app.id", String.class).strip();
        return new KeyValueDesiredState(keyValue, value(config, KEY_PREFIX, "capa:desired:" + appId + ":"));
    }

    private static String value(Config config, String name, String fallback) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty()).orElse(fallback);
    }
}
