// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.util.List;
import java.util.Map;

/** A source or sink of this runtime, read from its definition file ({@code sources/<name>.yml}). */
public record ComponentDefinition(String name, String kind, String status, List<FieldDefinition> fields,
        Map<String, Object> yaml) {

    @SuppressWarnings("unchecked")
    static ComponentDefinition of(Map<String, Object> yaml) {
        List<FieldDefinition> fields = yaml.get("fields") instanceof List<?> list
                ? list.stream().map(f -> FieldDefinition.of((Map<String, Object>) f)).toList()
                : List.of();
        return new ComponentDefinition((String) yaml.get("name"), (String) yaml.get("kind"),
                (String) yaml.get("status"), fields, yaml);
    }
}
