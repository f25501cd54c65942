// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.rpc.schema.Schema;
import io.capaee.api.rpc.schema.SchemaParser;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The test schemas under lib-api's src/test/resources/rpc; modules that test with them from lib-api's
 * test jar name the folder in {@code capa.rpc.schemas.dir}.
 */
public final class TestSchemas {
    private TestSchemas() {}

    public static Schema load(String file) {
        return SchemaParser.parse(Path.of(System.getProperty("capa.rpc.schemas.dir", "src/test/resources/rpc"), file));
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
