// SPDX-License-Identifier: Apache-2.0
package io.capaee.config;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of the reference as patterns, upper-case segments (NAME, VAR) standing for any name,
 * and whether a name met in the docs is one of them. A mention may have placeholders and wildcards of
 * its own ({@code capa.bindings.NAME.allow}, {@code capa.kv.*}): it is covered when it and a documented
 * setting can name the same key.
 */
final class SettingPatterns {
    private final List<String> names;

    SettingPatterns(Collection<String> names) {
        this.names = List.copyOf(names);
    }

    boolean covers(String mention) {
        Pattern mentioned = pattern(mention);
        return names.stream().anyMatch(name -> pattern(name).matcher(mention).matches() || mentioned.matcher(name).matches());
    }

    private static Pattern pattern(String name) {
        StringBuilder regex = new StringBuilder();
        for (String segment : name.split("\\.", -1)) {
            if (!regex.isEmpty()) {
                regex.append("\\.");
            }
            if (segment.matches("[A-Z][A-Z0-9_]*")) {
                regex.append("[^.]+");
            } else {
                String[] pieces = segment.split("\\*", -1);
                for (int i = 0; i < pieces.length; i++) {
                    regex.append(i > 0 ? ".*" : "").append(Pattern.quote(pieces[i]));
                }
            }
        }
        return Pattern.compile(regex.toString());
    }
}
