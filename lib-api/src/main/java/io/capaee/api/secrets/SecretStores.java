// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The named secret stores of a server, read from MicroProfile Config:
 * <pre>
 * capa.secretstore.NAME.type = file | env | config
 * capa.secretstore.NAME.path = /path/secrets.json          (file)
 * capa.secretstore.NAME.nested-separator = :                (file; optional)
 * capa.secretstore.NAME.allow = DB_PASSWORD,API_KEY         (env: the variables exposed)
 * capa.secretstore.NAME.prefix = secret.                    (config: the properties exposed)
 * </pre>
 * A misconfigured store fails here, naming the key.
 */
public final class SecretStores {
    public static final String PREFIX = "capa.secretstore.";

    private final Map<String, SecretStore> stores;

    public SecretStores(Map<String, SecretStore> stores) {
        this.stores = Collections.unmodifiableMap(new TreeMap<>(stores));
    }

    public static SecretStores fromConfig(Config config) {
        Set<String> names = new LinkedHashSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.endsWith(".type")) {
                names.add(property.substring(PREFIX.length(), property.length() - ".type".length()));
            }
        }
        Map<String, SecretStore> stores = new TreeMap<>();
        for (String name : names) {
            stores.put(name, store(config, name));
        }
        return new SecretStores(stores);
    }

    private static SecretStore store(Config config, String name) {
        String key = PREFIX + name + ".";
        String type = config.getValue(key + "type", String.class).strip();
        return switch (type) {
            case "file" -> new JsonFileSecretStore(Path.of(required(config, key + "path")),
                    config.getOptionalValue(key + "nested-separator", String.class).orElse(":"));
            case "env" -> new EnvSecretStore(config.getOptionalValue(key + "allow", String.class)
                    .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                            .collect(Collectors.toSet()))
                    .orElse(Set.of()));
            case "config" -> new ConfigSecretStore(config, required(config, key + "prefix"));
            default -> throw new SecretException(key + "type is '" + type + "': use file, env or config");
        };
    }

    private static String required(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank())
                .orElseThrow(() -> new SecretException(key + " must be set"));
    }

    public Optional<SecretStore> store(String name) {
        return Optional.ofNullable(stores.get(name));
    }

    /** Every store by name, sorted. */
    public Map<String, SecretStore> all() {
        return stores;
    }
}
