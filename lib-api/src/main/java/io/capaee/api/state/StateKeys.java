// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.state;

import java.util.Optional;

/**
 * Which state keys may be written: those that the HTTP API can name again in a path
 * ({@code GET|DELETE /v1.0/state/{store}/{key}}, {@code GET /v1.0/actors/{type}/{id}/state/{key}}).
 * Liberty refuses an encoded {@code /}, {@code \}, {@code #} or {@code .} in a path (measured: 400
 * before any application sees it), clients remove {@code .} and {@code ..} segments, and a control
 * character (NUL above all) has no safe path form; a value saved under such a key could never be
 * read or deleted through the API, so the key is refused when it is written. Deletes accept any key, so that values stored before this rule can go.
 * Dapr's own rule (no {@code ||}) is checked where the key is namespaced.
 */
public final class StateKeys {
    private StateKeys() {}

    /** Why {@code key} cannot be written, or empty when it can. */
    public static Optional<String> whyNotWritable(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("a state key must not be empty");
        }
        if (key.equals(".") || key.equals("..")) {
            return Optional.of("state key '" + key + "' is a path segment that cannot be addressed ('.' and '..' are not keys)");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '/' || c == '\\' || c == '#') {
                return Optional.of("state key '" + key + "' contains '" + c + "', which a URL path cannot carry encoded");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("state key '" + printable(key) + "' contains a control character (U+" + String.format("%04X", (int) c)
                        + "), which a URL path cannot carry");
            }
        }
        return Optional.empty();
    }

    /** Returns {@code key} when it can be written; else throws {@link InvalidStateRequestException} saying why. */
    public static String checkWritable(String key) {
        whyNotWritable(key).ifPresent(why -> {
            throw new InvalidStateRequestException(why);
        });
        return key;
    }

    // a key with NUL or a line break is named in messages (and logs) without them
    private static String printable(String key) {
        StringBuilder b = new StringBuilder(key.length() + 8);
        key.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
