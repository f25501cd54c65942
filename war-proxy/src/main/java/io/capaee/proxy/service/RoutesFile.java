// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Capsule's reverse-proxy {@code config.yaml}: {@code functions: {name: {revision: [urls]}}};
 * a {@code filters:} section is accepted and ignored, as in Capsule. Every URL list is read as
 * strings (Capsule's B5: YAML routes panicked on every call because of a list type mismatch).
 */
public final class RoutesFile {
    private RoutesFile() {}

    /** The routes of {@code yaml}, in file order. @throws IllegalArgumentException naming what is wrong */
    public static Map<String, Map<String, List<String>>> parse(String yaml) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel("routes").build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        Map<String, Map<String, List<String>>> routes = new LinkedHashMap<>();
        if (doc == null) {
            return routes;
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("the top level must be a mapping with a 'functions' key");
        }
        Object functions = root.get("functions");
        if (functions == null) {
            if (!root.isEmpty() && !root.containsKey("filters")) {
                throw new IllegalArgumentException("no 'functions' key at the top level (found " + root.keySet() + ")");
            }
            return routes;
        }
        if (!(functions instanceof Map<?, ?> fnMap)) {
            throw new IllegalArgumentException("'functions' must be a mapping of function name to revisions");
        }
        for (Map.Entry<?, ?> f : fnMap.entrySet()) {
            String name = String.valueOf(f.getKey());
            if (!(f.getValue() instanceof Map<?, ?> revisions) || revisions.isEmpty()) {
                throw new IllegalArgumentException("functions." + name + " must be a mapping of revision to a list of URLs");
            }
            Map<String, List<String>> byRevision = new LinkedHashMap<>();
            for (Map.Entry<?, ?> r : revisions.entrySet()) {
                String revision = String.valueOf(r.getKey());
                byRevision.put(revision, urls("functions." + name + "." + revision, r.getValue()));
            }
            routes.put(name, byRevision);
        }
        return routes;
    }

    private static List<String> urls(String where, Object value) {
        List<String> urls = new ArrayList<>();
        if (value instanceof String s) {
            urls.add(s);
        } else if (value instanceof List<?> list) {
            for (Object url : list) {
                if (!(url instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException(where + " must hold URLs as strings, found " + url);
                }
                urls.add(s);
            }
        } else {
            throw new IllegalArgumentException(where + " must be a list of URLs");
        }
        for (String url : urls) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException(where + ": '" + url + "' is not an http:// or https:// URL");
            }
        }
        return urls;
    }
}
