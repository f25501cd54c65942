// SPDX-License-Identifier: Apache-2.0
package io.capaee.testing;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The test schemas ({@code rpc/*.capnp} in this module's resources: on the classpath for the schema
 * processor's tests, and as files through {@code capa.rpc.schemas.dir} for the parser's), and the hex notation
 * their tests write wire bytes in.
 */
public final class TestSchemas {
    private TestSchemas() {}

    /** The file of a test schema, e.g. {@code path("calculator.capnp")}. */
    public static Path path(String file) {
        String dir = System.getProperty("capa.rpc.schemas.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property capa.rpc.schemas.dir is not set (run the tests through Maven)");
        }
        return Path.of(dir, file);
    }

    /** Hex with spaces, e.g. {@code 81 00 a1 78}; quoted text as its ASCII bytes. */
    public static byte[] hex(String spec) {
        StringBuilder hex = new StringBuilder();
        for (String part : spec.split(" (?=(?:[^']*'[^']*')*[^']*$)")) {
            if (part.startsWith("'")) {
                for (char c : part.substring(1, part.length() - 1).toCharArray()) {
                    hex.append(String.format("%02x", (int) c));
                }
            } else if (!part.isBlank()) {
                hex.append(part);
            }
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
