// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import io.capaee.api.registry.ModuleCoordinates;
import java.util.Optional;

/**
 * A tag's key in the key/value bucket: {@code org.name.tag}, each part with its dots written as
 * {@code =}. Key/value keys are subjects: a dot separates tokens, so a part's own dots (allowed
 * inside and at the end of a part, as in {@code v1.}) would make empty or extra tokens; {@code =}
 * is allowed in keys and never in coordinates, so the mapping goes both ways, and a listing of one
 * org or name is a subject filter ({@code org.*.*}, {@code *.name.*}).
 */
final class TagKey {
    private TagKey() {}

    static String of(ModuleCoordinates c) {
        return part(c.org()) + "." + part(c.name()) + "." + part(c.tag());
    }

    /** The subject filter of a listing. */
    static String filter(Optional<String> org, Optional<String> name) {
        return org.map(TagKey::part).orElse("*") + "." + name.map(TagKey::part).orElse("*") + ".*";
    }

    /** The coordinates of a key, or empty for a key this store did not write. */
    static Optional<ModuleCoordinates> coordinates(String key) {
        String[] parts = key.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ModuleCoordinates(parts[0].replace('=', '.'), parts[1].replace('=', '.'), parts[2].replace('=', '.')));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String part(String part) {
        return part.replace('.', '=');
    }
}
