// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConnectRuntimeTest {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_]*$");

    @Test
    void everyComponentHasADefinitionFileOfItsKindAndName() {
        ConnectRuntime runtime = ConnectRuntime.load();
        assertEquals("1", runtime.runtime().get("model_version"));
        // the names as written here, not ConnectRuntime's own lists: a dropped or misnamed definition fails
        List<String> expected = List.of("nats", "nats_jetstream", "nats_kv", "kafka", "redis_streams", "mqtt", "rabbitmq", "http");
        assertEquals(expected, runtime.sources().stream().map(ComponentDefinition::name).toList());
        assertEquals(expected, runtime.sinks().stream().map(ComponentDefinition::name).toList());
        for (String name : expected) {
            assertEquals(name, runtime.source(name).orElseThrow().name());
            assertEquals(name, runtime.sink(name).orElseThrow().name());
        }
        for (ComponentDefinition source : runtime.sources()) {
            assertEquals("source", source.kind(), source.name());
            assertTrue(NAME.matcher(source.name()).matches(), source.name());
            source.fields().forEach(f -> assertTrue(NAME.matcher(f.name()).matches(), f.name()));
        }
        for (ComponentDefinition sink : runtime.sinks()) {
            assertEquals("sink", sink.kind(), sink.name());
            assertTrue(NAME.matcher(sink.name()).matches(), sink.name());
            sink.fields().forEach(f -> assertTrue(NAME.matcher(f.name()).matches(), f.name()));
        }
        assertTrue(ConnectRuntime.file("sinks/kafka.yml").orElseThrow().contains("name: kafka"));
        assertTrue(ConnectRuntime.file("../secret").isEmpty());
    }
}
