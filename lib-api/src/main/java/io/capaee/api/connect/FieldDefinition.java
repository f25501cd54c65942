// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.util.List;
import java.util.Map;

/**
 * One field of a component definition, as Connect's component files declare it: {@code type}
 * ({@code string}, {@code int}, {@code bool}, {@code object}), {@code kind} ({@code scalar} or
 * {@code list}), a default (applied by this runtime, unlike Connect's), whether it is optional,
 * and its constraints ({@code enum}, {@code regex}, {@code range}).
 */
public record FieldDefinition(String name, String type, String kind, Object defaultValue, boolean optional,
        List<Map<String, Object>> constraints, List<FieldDefinition> fields, String renderHint) {

    @SuppressWarnings("unchecked")
    static FieldDefinition of(Map<String, Object> yaml) {
        List<FieldDefinition> children = yaml.get("fields") instanceof List<?> list
                ? list.stream().map(f -> of((Map<String, Object>) f)).toList()
                : List.of();
        List<Map<String, Object>> constraints = yaml.get("constraints") instanceof List<?> list
                ? list.stream().map(c -> (Map<String, Object>) c).toList()
                : List.of();
        return new FieldDefinition((String) yaml.get("name"), (String) yaml.getOrDefault("type", "string"),
                (String) yaml.getOrDefault("kind", "scalar"), yaml.get("default"),
                Boolean.TRUE.equals(yaml.get("optional")), constraints, children, (String) yaml.get("render_hint"));
    }

    /** Absent from a config: neither optional nor defaulted. */
    public boolean required() {
        return !optional && defaultValue == null;
    }
}
