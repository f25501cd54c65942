// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** One component as {@code GET /v1.0/metadata} lists it, e.g. {@code statestore}, {@code state.redis}, {@code v1}. */
public record ComponentInfo(String name, String type, String version, List<String> capabilities) {
    public ComponentInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        version = version == null ? "v1" : version;
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    /** One version-1 component without capabilities for each store, in the map's order, typed by {@code type}. */
    public static <T> List<ComponentInfo> all(Map<String, T> stores, Function<T, String> type) {
        List<ComponentInfo> result = new ArrayList<>();
        stores.forEach((name, store) -> result.add(new ComponentInfo(name, type.apply(store), "v1", List.of())));
        return result;
    }

    /**
     * {@code KIND.redis} for a store whose description starts with {@code redis}, {@code KIND.postgresql}
     * and {@code KIND.mysql} (Dapr's name of its MySQL and MariaDB component) for the SQL state stores,
     * else {@code KIND.in-memory}.
     */
    public static String backendType(String kind, String description) {
        if (description.startsWith("redis")) {
            return kind + ".redis";
        }
        if (description.startsWith("postgresql ")) {
            return kind + ".postgresql";
        }
        return kind + (description.startsWith("mariadb ") ? ".mysql" : ".in-memory");
    }
}
