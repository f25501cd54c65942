// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings renamed into the scheme {@code capa.<area>.<name>}: whole areas that gained the
 * prefix {@code capa.} ({@code functions.directory} became {@code capa.functions.directory},
 * {@code functions.NAME.timeout} became {@code capa.functions.NAME.timeout}) and single names
 * ({@code capa.app-id} became {@code capa.app.id}). The old names are read for one release;
 * docs/configuration.md lists them under "Renamed settings".
 */
public final class RenamedSettings {
    /** Areas whose every setting moved below {@code capa.}. */
    public static final List<String> PREFIXED_AREAS = List.of("functions", "worker", "proxy", "registry", "rpc", "invoke");

    /** Single settings: new name to old name. */
    public static final Map<String, String> RENAMED = renamed();

    private RenamedSettings() {}

    /** The name {@code current} had before the scheme, if it had another. */
    public static Optional<String> oldName(String current) {
        String old = RENAMED.get(current);
        if (old != null) {
            return Optional.of(old);
        }
        for (String area : PREFIXED_AREAS) {
            if (current.startsWith("capa." + area + ".")) {
                return Optional.of(current.substring("capa.".length()));
            }
        }
        return Optional.empty();
    }

    /** The current name of {@code name}: itself, unless it is an old name. */
    public static String currentName(String name) {
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        for (String area : PREFIXED_AREAS) {
            if (name.startsWith(area + ".")) {
                return "capa." + name;
            }
        }
        return name;
    }

    private static Map<String, String> renamed() {
        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("capa.app.id", "capa.app-id");
        renamed.put("capa.app.url", "capa.app-url");
        return Map.copyOf(renamed);
    }
}
