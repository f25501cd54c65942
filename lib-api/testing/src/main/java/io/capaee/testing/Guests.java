// SPDX-License-Identifier: Apache-2.0
package io.capaee.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed test guests (src/test/guests, see its README), found through {@code capa.guests.dir}. */
public final class Guests {
    private Guests() {}

    /** The folder surefire passes as {@code capa.guests.dir}. */
    public static Path dir() {
        String dir = System.getProperty("capa.guests.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property capa.guests.dir is not set (run the tests through Maven)");
        }
        return Path.of(dir);
    }

    /** The file of a guest, e.g. {@code path("hello-cli")}. */
    public static Path path(String name) {
        return dir().resolve(name + ".wasm");
    }

    /** The bytes of a guest, e.g. {@code bytes("hello-cli")}. */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
