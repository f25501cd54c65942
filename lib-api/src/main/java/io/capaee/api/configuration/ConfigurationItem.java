// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.configuration;

import java.util.Map;
import java.util.Objects;

/** A configuration item as Dapr answers it; a deleted item is reported with an empty value and version. */
public record ConfigurationItem(String value, String version, Map<String, String> metadata) {
    public ConfigurationItem {
        Objects.requireNonNull(value, "value");
        version = version == null ? "" : version;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static ConfigurationItem deleted() {
        return new ConfigurationItem("", "", Map.of());
    }
}
