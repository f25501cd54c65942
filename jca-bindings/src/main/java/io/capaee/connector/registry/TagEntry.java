// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.registry;

import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.ModuleRecord;
import io.capaee.api.registry.RegistryException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

/**
 * What a tag's key/value entry holds: the object with the module's bytes, and the module's record
 * (digest, size, info, upload time), as properties text like the file store's {@code .module.properties}.
 */
record TagEntry(String object, String sha256, long size, String info, Instant uploadedAt) {
    byte[] bytes() {
        Properties p = new Properties();
        p.setProperty("object", object);
        p.setProperty("sha256", sha256);
        p.setProperty("size", Long.toString(size));
        p.setProperty("info", info);
        p.setProperty("uploadedAt", uploadedAt.toString());
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static TagEntry parse(ModuleCoordinates coordinates, byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            return new TagEntry(required(p, "object"), required(p, "sha256"), Long.parseLong(required(p, "size")), p.getProperty("info", ""),
                    Instant.parse(required(p, "uploadedAt")));
        } catch (IOException | RuntimeException e) {
            throw new RegistryException(RegistryException.Reason.STORAGE, "the tag entry of " + coordinates + " is damaged: " + e.getMessage(), e);
        }
    }

    ModuleRecord record(ModuleCoordinates coordinates) {
        return new ModuleRecord(coordinates, sha256, size, info, uploadedAt);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }
}
