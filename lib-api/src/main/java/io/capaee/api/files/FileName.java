// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.nio.charset.StandardCharsets;

/**
 * The rule for file names, the same in every store: 1 to {@value #MAX_BYTES} bytes of UTF-8,
 * segments separated by {@code /}, no empty segment (so no leading, trailing or double
 * {@code /}), no {@code .} or {@code ..} segment, no backslash and no control character. The
 * local store never turns a name into a path (it stores under the name's digest), so the rule is
 * not what keeps a name inside the directory; it keeps names portable between the stores and
 * keeps {@code ../} out of the API altogether.
 */
public final class FileName {
    public static final int MAX_BYTES = 1024;

    private FileName() {}

    /** Returns {@code name} when it is a file name, else throws {@link FileException} BAD_NAME saying what is wrong. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw bad(name, "it is empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw bad(name.substring(0, 40) + "...", "it is longer than " + MAX_BYTES + " bytes of UTF-8");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw bad(name, "it holds the control character U+" + String.format("%04X", (int) c));
            }
            if (c == '\\') {
                throw bad(name, "it holds a backslash; segments are separated by '/'");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(++i)))) {
                throw bad(name, "it is not valid Unicode");
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                throw bad(name, "it has an empty segment (a leading, trailing or double '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw bad(name, "it has a '" + segment + "' segment");
            }
        }
        return name;
    }

    /** Returns {@code prefix} when it can begin a file name (empty, or without the characters names refuse). */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new FileException(FileException.Reason.BAD_NAME, "the prefix '" + printable(prefix)
                        + "' cannot begin a file name: it holds a control character or a backslash");
            }
        }
        return prefix;
    }

    private static FileException bad(String name, String why) {
        return new FileException(FileException.Reason.BAD_NAME, "'" + printable(name) + "' is not a file name: " + why);
    }

    /** The name with control characters shown as '?', for messages. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return b.toString();
    }
}
