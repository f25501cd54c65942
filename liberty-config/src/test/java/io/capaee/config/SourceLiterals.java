// SPDX-License-Identifier: Apache-2.0
package io.capaee.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The string literals of the main Java sources of every module, cut into their dotted parts: what a
 * setting the code looks up by name must be made of. A setting with placeholders
 * ({@code capa.functions.NAME.timeout}) is read when each of its literal stretches ({@code functions},
 * {@code timeout}) is part of a literal, as when the code builds the key ({@code "functions." + name + "." + setting}).
 */
final class SourceLiterals {
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private final Set<String> parts;

    private SourceLiterals(Set<String> parts) {
        this.parts = parts;
    }

    static SourceLiterals scan(Path repository) throws IOException {
        Set<String> parts = new HashSet<>();
        try (Stream<Path> files = Files.walk(repository)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .forEach(p -> addLiterals(p, parts));
        }
        return new SourceLiterals(parts);
    }

    /** Whether the code can look up {@code name} (placeholders: upper-case segments such as NAME). */
    boolean name(String name) {
        return Arrays.stream(name.split("\\.?\\b[A-Z][A-Z0-9_]*\\b\\.?"))
                .filter(stretch -> !stretch.isEmpty())
                .allMatch(parts::contains);
    }

    private static void addLiterals(Path file, Set<String> parts) {
        try {
            Matcher literal = LITERAL.matcher(Files.readString(file));
            while (literal.find()) {
                String[] segments = literal.group(1).replaceAll("^\\.+|\\.+$", "").split("\\.");
                for (int from = 0; from < segments.length; from++) {
                    for (int to = from + 1; to <= segments.length; to++) {
                        parts.add(String.join(".", Arrays.copyOfRange(segments, from, to)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
