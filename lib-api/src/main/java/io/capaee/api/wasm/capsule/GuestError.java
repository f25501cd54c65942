// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.capsule;

import java.util.Optional;

/**
 * Capsule's error string, {@code [ERR][<code>]:<message>}, as guests and host functions exchange
 * it. Unlike Capsule's decoder, a message that itself contains {@code ]:} is kept whole.
 *
 * @param code the numeric code; 0 for every producer of Capsule 0.1.x
 * @param message the error text
 */
public record GuestError(int code, String message) {
    public static final String PREFIX = "[ERR]";

    /** The wire form, e.g. {@code [ERR][0]:boom}. */
    public String encode() {
        return PREFIX + "[" + code + "]:" + message;
    }

    /** What Capsule prints for it: the message, with {@code (code)} when the code is not 0. */
    public String display() {
        return code == 0 ? message : message + " (" + code + ")";
    }

    /** An error with code 0, the only one Capsule 0.1.x produces. */
    public static GuestError of(String message) {
        return new GuestError(0, message);
    }

    /** Decodes {@code value} when it is an error string; empty when it is not one. */
    public static Optional<GuestError> decode(String value) {
        if (!value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = value.substring(PREFIX.length());
        int end = rest.indexOf("]:");
        if (!rest.startsWith("[") || end < 0) {
            // Capsule's decoder crashes here; we keep the text as the message instead.
            return Optional.of(new GuestError(0, rest));
        }
        int code;
        try {
            code = Integer.parseInt(rest.substring(1, end).trim());
        } catch (NumberFormatException e) {
            code = 0;
        }
        return Optional.of(new GuestError(code, rest.substring(end + 2)));
    }
}
