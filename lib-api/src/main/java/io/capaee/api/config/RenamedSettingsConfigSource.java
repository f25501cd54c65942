// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Answers a renamed setting ({@link RenamedSettings}) with the value set under its old name, and logs
 * once per name that the old name is deprecated. Its ordinal, 150, is above server.xml's
 * {@code defaultValue}s (1) and {@code microprofile-config.properties} (100) and below environment
 * variables (300), system properties (400) and server.xml {@code value}s (500): an old name set by
 * hand beats the new name's default, a new name set by hand beats the old one. Registered in
 * {@code META-INF/services}; it lists no property names of its own.
 */
public final class RenamedSettingsConfigSource implements ConfigSource {
    private static final Logger LOG = Logger.getLogger(RenamedSettingsConfigSource.class.getName());
    static final int ORDINAL = 150;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        Optional<String> old = propertyName == null ? Optional.empty() : RenamedSettings.oldName(propertyName);
        if (old.isEmpty()) {
            return null;
        }
        // the old name is never a renamed one, so this lookup does not come back here for a value
        String value = ConfigProvider.getConfig(RenamedSettingsConfigSource.class.getClassLoader())
                .getOptionalValue(old.get(), String.class).orElse(null);
        if (value != null && warned.add(old.get())) {
            LOG.warning(() -> "setting " + old.get() + " is deprecated: it is read for one more release;"
                    + " rename it " + propertyName);
        }
        return value;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "Capa EE renamed settings (old names)";
    }
}
