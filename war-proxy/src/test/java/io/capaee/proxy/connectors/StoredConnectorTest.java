// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.connect.ConnectRuntime;
import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.InvalidConnectorException;
import io.capaee.api.desired.DesiredEntry;
import io.capaee.api.desired.FileDesiredState;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredConnectorTest {
    static final ConnectorParser PARSER = new ConnectorParser(ConnectRuntime.load());
    static final String OUTLET = """
            connector_id: from-document
            description: orders to Kafka
            steps:
              consumer:
                nats: { url: "nats://127.0.0.1:4222" }
                stream: { subject: "orders.>" }
              sink:
                type: kafka
                config: { seed_brokers: [ "127.0.0.1:9092" ], topic: orders }
            """;
    private static final Instant AT = Instant.parse("2026-12-06T14:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aConnectorIsStoredAsTheDocumentPostedAndItsStateAndReadBackTheSame() {
        // posted base64 with ?id=orders, which wins over the document's connector_id
        String posted = Base64.getEncoder().encodeToString(OUTLET.getBytes(StandardCharsets.UTF_8));
        ConnectorSpec spec = PARSER.parse(posted, "orders");
        DesiredEntry entry = new StoredConnector(spec, false).entry(AT);
        assertEquals("connector", entry.kind());
        assertEquals("orders", entry.id());
        assertEquals(Json.createObjectBuilder().add("document", OUTLET).add("state", "stopped").build(), entry.spec());

        FileDesiredState store = new FileDesiredState(dir);
        store.put(entry);
        DesiredEntry stored = store.list("connector").entries().get(0);
        assertEquals(new StoredConnector(spec, false), StoredConnector.read(stored, PARSER));
        assertEquals(true, StoredConnector.read(new StoredConnector(spec, true).entry(AT), PARSER).running());
    }

    @Test
    void aDocumentThatNoLongerParsesIsRefusedNamingItsField() {
        String lost = OUTLET.replace("type: kafka", "type: amqp"); // a sink this runtime does not have (any more)
        DesiredEntry entry = entry(Json.createObjectBuilder().add("document", lost).add("state", "running").build());
        InvalidConnectorException e = assertThrows(InvalidConnectorException.class, () -> StoredConnector.read(entry, PARSER));
        assertEquals("outlet.sink.type", e.field());
        assertTrue(e.getMessage().contains("unknown sink 'amqp'"), e.getMessage());
    }

    @Test
    void aSpecWithoutItsMembersIsRefusedNamingThem() {
        assertEquals("spec.document", assertThrows(InvalidConnectorException.class, () -> StoredConnector.read(
                entry(Json.createObjectBuilder().add("state", "running").build()), PARSER)).field());
        InvalidConnectorException state = assertThrows(InvalidConnectorException.class, () -> StoredConnector.read(
                entry(Json.createObjectBuilder().add("document", OUTLET).add("state", "paused").build()), PARSER));
        assertEquals("spec.state: must be running or stopped, was \"paused\"", state.getMessage());
    }

    private static DesiredEntry entry(jakarta.json.JsonObject spec) {
        return new DesiredEntry("connector", "orders", spec, AT);
    }
}
