// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.util.regex.Pattern;

/**
 * Where a module lives in the registry: {@code org/name/tag}. Each part is 1 to 128 of letters,
 * digits, {@code .}, {@code _} and {@code -}, not starting with {@code .} (so never {@code ..}):
 * the parts become directory names, and Capsule's registry let {@code ..} escape (spec S2).
 */
public record ModuleCoordinates(String org, String name, String tag) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    public ModuleCoordinates {
        check("org", org);
        check("name", name);
        check("tag", tag);
    }

    private static void check(String what, String value) {
        if (value == null || !PART.matcher(value).matches()) {
            throw new RegistryException(RegistryException.Reason.BAD_NAME, "invalid " + what + " '" + value
                    + "': use 1 to 128 letters, digits, '.', '_' or '-', not starting with '.'");
        }
    }

    /** {@code org/name/tag}, also the form the worker accepts. */
    @Override
    public String toString() {
        return org + "/" + name + "/" + tag;
    }

    /** Parses {@code org/name/tag}. */
    public static ModuleCoordinates parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length != 3) {
            throw new RegistryException(RegistryException.Reason.BAD_NAME, "expected org/name/tag, got '" + text + "'");
        }
        return new ModuleCoordinates(parts[0], parts[1], parts[2]);
    }
}
