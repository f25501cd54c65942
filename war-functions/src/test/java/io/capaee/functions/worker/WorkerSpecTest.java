// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.desired.DesiredEntry;
import jakarta.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerSpecTest {
    private static final Instant AT = Instant.parse("2026-12-06T14:00:00Z");
    private static final String SHA = "ab".repeat(32);

    @Test
    void aRegistryDeploymentIsStoredAsADocumentNamedForItsFunctionAndRevision() {
        WorkerSpec spec = new WorkerSpec("accg", "v1", "registry:capa/accg/1.0.0", SHA, Map.of("B", "2", "A", "1"), 2);

        DesiredEntry entry = spec.entry(AT);

        assertEquals("worker", entry.kind());
        assertEquals("accg/v1", entry.id());
        assertEquals("{\"function\":\"accg\",\"revision\":\"v1\",\"module\":\"capa/accg/1.0.0\",\"sha256\":\"" + SHA
                + "\",\"environment\":{\"A\":\"1\",\"B\":\"2\"},\"instances\":2}", entry.spec().toString());
        assertEquals(spec, WorkerSpec.from(DesiredEntry.parse("worker", entry.toJson(), "test")));
    }

    @Test
    void aDownloadedModuleKeepsItsUrl() {
        WorkerSpec spec = new WorkerSpec("accg", "v2", "https://example.org/m.wasm", SHA, Map.of(), 1);

        WorkerSpec read = WorkerSpec.from(spec.entry(AT));

        assertEquals(Optional.of("https://example.org/m.wasm"), read.downloadUrl());
        assertEquals(Optional.empty(), read.module());
        assertEquals(spec, read);
    }

    @Test
    void aDefaultIsOneDocumentPerFunction() {
        DesiredEntry entry = new WorkerDefaultSpec("accg", "v2").entry(AT);

        assertEquals("worker-default", entry.kind());
        assertEquals("accg", entry.id());
        assertEquals(new WorkerDefaultSpec("accg", "v2"), WorkerDefaultSpec.from(entry));
    }

    @Test
    void aBadDocumentIsRefusedNamingTheField() {
        assertField("spec.sha256", Json.createObjectBuilder().add("function", "f").add("revision", "r").add("module", "a/b/c")
                .add("sha256", "nope").add("instances", 1));
        assertField("spec.instances", Json.createObjectBuilder().add("function", "f").add("revision", "r").add("module", "a/b/c")
                .add("sha256", SHA).add("instances", 0));
        assertField("spec: needs exactly one of 'module' and 'downloadUrl'", Json.createObjectBuilder().add("function", "f").add("revision", "r")
                .add("sha256", SHA).add("instances", 1));
        assertField("spec.environment.K", Json.createObjectBuilder().add("function", "f").add("revision", "r").add("module", "a/b/c")
                .add("sha256", SHA).add("environment", Json.createObjectBuilder().add("K", 1)).add("instances", 1));
        assertField("spec: describes f/other, but is stored as f/r", Json.createObjectBuilder().add("function", "f").add("revision", "other")
                .add("module", "a/b/c").add("sha256", SHA).add("instances", 1));
        assertField("spec.revision", Json.createObjectBuilder().add("function", "f").add("revision", ".hidden")
                .add("module", "a/b/c").add("sha256", SHA).add("instances", 1));
    }

    private static void assertField(String expected, jakarta.json.JsonObjectBuilder spec) {
        DesiredEntry entry = new DesiredEntry("worker", "f/r", spec.build(), AT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerSpec.from(entry));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
