// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.json;

/**
 * Writes a string as a JSON string literal, for the writers that build JSON text by hand (where
 * the exact bytes matter: Go's {@code encoding/json} output, Couchbase rows). U+2028 and U+2029
 * are always escaped, so the text is also safe inside JavaScript.
 */
public final class JsonStrings {
    private JsonStrings() {}

    /** With the short escapes of RFC 8259 ({@code \b}, {@code \f} included). */
    public static void write(String s, StringBuilder out) {
        write(s, out, false);
    }

    /**
     * As Go's {@code encoding/json} writes it: {@code <}, {@code >} and {@code &} escaped as
     * {@code \\u00XX} (its HTML-safe default) and no short {@code \b} or {@code \f}.
     */
    public static void writeAsGo(String s, StringBuilder out) {
        write(s, out, true);
    }

    private static void write(String s, StringBuilder out, boolean go) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String shortEscape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> go ? null : "\\b";
                case '\f' -> go ? null : "\\f";
                default -> null;
            };
            if (shortEscape != null) {
                out.append(shortEscape);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || go && (c == '<' || c == '>' || c == '&')) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
