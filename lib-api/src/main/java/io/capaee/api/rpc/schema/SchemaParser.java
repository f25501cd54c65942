// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads Cap'n Proto schema files (the subset cara supports: connect-and-cara B1). Imports
 * starting with {@code /capnp/} find the bundled {@code c++.capnp} and {@code cara.capnp} first,
 * then the import path; other imports are relative to the importing file. Errors are
 * {@link SchemaException}s naming file, line and column.
 */
public final class SchemaParser {
    /**
     * The deepest nesting of declarations, struct/group/union bodies, type arguments and values
     * (each counts one level) that a schema may have; deeper is a {@link SchemaException}, so that
     * a hostile schema cannot exhaust the parser's stack. Real schemas stay far below it.
     */
    public static final int MAX_NESTING = 100;

    private SchemaParser() {}

    /** The text of a schema file, by the name used in error messages. */
    public record Source(String name, String text) {}

    /** Finds the file an {@code import "..."} names, or nothing. */
    @FunctionalInterface
    public interface ImportResolver {
        Optional<Source> resolve(String importingFile, String importPath);
    }

    public static Schema parse(Path file, Path... importPath) {
        return parse(read(file), files(List.of(importPath)));
    }

    public static Schema parse(String name, String text) {
        return parse(new Source(name, text), (from, path) -> Optional.empty());
    }

    public static Schema parse(Source source, ImportResolver resolver) {
        return new Resolver(withBundled(resolver)).load(source);
    }

    /** Resolves imports on the file system: relative to the importing file, and {@code /x} in the import path. */
    public static ImportResolver files(List<Path> importPath) {
        return (from, path) -> {
            if (path.startsWith("/")) {
                for (Path dir : importPath) {
                    Path p = dir.resolve(path.substring(1));
                    if (Files.isRegularFile(p)) {
                        return Optional.of(read(p));
                    }
                }
                return Optional.empty();
            }
            Path base = Path.of(from).toAbsolutePath().getParent();
            Path p = base == null ? Path.of(path) : base.resolve(path).normalize();
            return Files.isRegularFile(p) ? Optional.of(read(p)) : Optional.empty();
        };
    }

    private static ImportResolver withBundled(ImportResolver resolver) {
        return (from, path) -> {
            if (path.equals("/capnp/c++.capnp") || path.equals("/capnp/cara.capnp")) {
                String resource = "capnp/" + path.substring("/capnp/".length());
                try (InputStream in = SchemaParser.class.getResourceAsStream(resource)) {
                    if (in != null) {
                        return Optional.of(new Source(path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return resolver.resolve(from, path);
        };
    }

    private static Source read(Path file) {
        try {
            return new Source(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new SchemaException(file.toString(), 1, 1, "cannot read: " + e);
        }
    }
}
