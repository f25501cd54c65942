// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/**
 * Secrets from MicroProfile Config: the secret {@code NAME} is the property {@code PREFIX + NAME}
 * (server.xml variables, bootstrap properties, environment variables, any config source). Only
 * properties under the prefix are reachable; an empty prefix is refused.
 */
public final class ConfigSecretStore implements SecretStore {
    private final Config config;
    private final String prefix;

    public ConfigSecretStore(Config config, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new SecretException("a MicroProfile Config secret store needs a non-empty prefix");
        }
        this.config = config;
        this.prefix = prefix;
    }

    @Override
    public Optional<Map<String, String>> get(String name) {
        return config.getOptionalValue(prefix + name, String.class).map(v -> Map.of(name, v));
    }

    @Override
    public Map<String, Map<String, String>> bulk() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(prefix) && property.length() > prefix.length()) {
                String name = property.substring(prefix.length());
                get(name).ifPresent(secret -> all.put(name, secret));
            }
        }
        return all;
    }

    @Override
    public String type() {
        return "secretstores.microprofile.config";
    }

    @Override
    public String toString() {
        return "MicroProfile Config secret store under " + prefix;
    }
}
