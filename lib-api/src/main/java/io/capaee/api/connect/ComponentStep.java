// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import io.capaee.api.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A source or sink step: a component of this runtime ({@code type}) and its {@code config},
 * validated against the component's definition, with the definition's defaults filled in.
 */
public record ComponentStep(String type, Map<String, Object> config) {
    public ComponentStep {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** A string field, or {@code fallback} when absent. */
    public String string(String name, String fallback) {
        Object value = config.get(name);
        return value == null ? fallback : value.toString();
    }

    public int integer(String name, int fallback) {
        Object value = config.get(name);
        return value instanceof Number n ? n.intValue() : fallback;
    }

    public boolean bool(String name, boolean fallback) {
        Object value = config.get(name);
        return value instanceof Boolean b ? b : fallback;
    }

    /** A list of strings (a list field, or one string as a list of one). */
    public List<String> strings(String name) {
        Object value = config.get(name);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }

    /** A duration field written as Connect writes them ({@code 500ms}, {@code 5s}, {@code 1m}). */
    public Duration duration(String name, Duration fallback) {
        Object value = config.get(name);
        return value == null ? fallback : Durations.parse(value.toString());
    }
}
