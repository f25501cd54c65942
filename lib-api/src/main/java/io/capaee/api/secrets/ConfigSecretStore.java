// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Secrets from MicroProfile Config: the secret {@code NAME} is the property {@code PREFIX + NAME}
 * (server.xml variables, bootstrap properties, environment variables, any config source). Only
 * properties under the prefix are reachable; an empty prefix is refused.
 */
public final class ConfigSecretStore extends SingleValueSecretStore {
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
    Optional<String> value(String name) {
        return config.getOptionalValue(prefix + name, String.class);
    }

    @Override
    Collection<String> names() {
        List<String> names = new ArrayList<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(prefix) && property.length() > prefix.length()) {
                names.add(property.substring(prefix.length()));
            }
        }
        return names;
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
