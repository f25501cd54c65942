// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The addresses a caller may send to: comma-separated patterns, {@code *} standing for any run of
 * characters ({@code *@example.com}, {@code alerts-*@example.org}), compared without case. Empty:
 * any address.
 */
record RecipientAllowList(List<Pattern> patterns, String text) {

    static RecipientAllowList of(String patterns) {
        String text = patterns == null ? "" : patterns.strip();
        List<Pattern> compiled = text.isEmpty() ? List.of() : Arrays.stream(text.split(","))
                .map(String::strip).filter(p -> !p.isEmpty())
                .map(p -> Pattern.compile(Arrays.stream(p.toLowerCase(Locale.ROOT).split("\\*", -1))
                        .map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse("")))
                .toList();
        return new RecipientAllowList(compiled, text);
    }

    boolean allows(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(lower).matches());
    }
}
