// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConnectRuntimeTest {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_]*$");

    @Test
    void everyComponentHasADefinitionFileOfItsKindAndName() {
        ConnectRuntime runtime = ConnectRuntime.load();
        assertEquals("1", runtime.runtime().get("model_version"));
        assertEquals(ConnectRuntime.SOURCES.size(), runtime.sources().size());
        for (ComponentDefinition source : runtime.sources()) {
            assertEquals("source", source.kind(), source.name());
            assertTrue(NAME.matcher(source.name()).matches(), source.name());
            source.fields().forEach(f -> assertTrue(NAME.matcher(f.name()).matches(), f.name()));
        }
        for (ComponentDefinition sink : runtime.sinks()) {
            assertEquals("sink", sink.kind(), sink.name());
        }
        assertTrue(ConnectRuntime.file("sinks/kafka.yml").orElseThrow().contains("name: kafka"));
        assertTrue(ConnectRuntime.file("../secret").isEmpty());
    }
}
