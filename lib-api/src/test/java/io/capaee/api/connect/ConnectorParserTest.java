// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorParserTest {
    private static final ConnectorParser PARSER = new ConnectorParser(ConnectRuntime.load());

    private static final String INLET = """
            source:
              type: kafka
              config:
                seed_brokers: 127.0.0.1:9092
                topics: [orders]
            transformer:
              wasm: { function: upper }
            producer:
              nats: { url: "nats://127.0.0.1:4222" }
              core: { subject: orders.in }
            """;

    private static final String OUTLET = """
            consumer:
              nats: { url: "nats://127.0.0.1:4222" }
              stream: { subject: "orders.>" }
            sink:
              type: kafka
              config: { seed_brokers: [ "127.0.0.1:9092" ], topic: orders }
            """;

    private static String refusal(String document) {
        return assertThrows(InvalidConnectorException.class, () -> PARSER.parse(document, "c1")).getMessage();
    }

    @Test
    void anInletBecomesSourceTransformerAndANatsSinkWithDefaultsApplied() {
        ConnectorSpec spec = PARSER.parse(INLET, "c1");
        assertEquals(ConnectorKind.INLET, spec.kind());
        assertEquals("kafka", spec.input().type());
        assertEquals(List.of("127.0.0.1:9092"), spec.input().strings("seed_brokers"));
        assertEquals(true, spec.input().config().get("start_from_oldest"));
        assertEquals(500, spec.input().integer("max_poll_records", 0));
        assertEquals(List.of(new WasmTransform("upper", "", Duration.ofSeconds(5))), spec.transformer());
        assertEquals("nats", spec.output().type());
        assertEquals("orders.in", spec.output().string("subject", null));
        assertEquals(1, spec.producer().threads());
    }

    @Test
    void anOutletReadsAJetStreamConsumerIntoASink() {
        ConnectorSpec spec = PARSER.parse(OUTLET, null);
        assertEquals(ConnectorKind.OUTLET, spec.kind());
        assertEquals("nats_jetstream", spec.input().type());
        assertEquals("all", spec.input().string("deliver", null));
        assertEquals(Duration.ofSeconds(30), spec.input().duration("ack_wait", null));
        assertEquals("orders", spec.output().string("topic", null));
        assertTrue(spec.id().startsWith("connector-"), spec.id());
    }

    @Test
    void aJetStreamSourceResumesFromADurableConsumerNamedAfterTheConnector() {
        assertEquals("capa-connector-orders", PARSER.parse(OUTLET, "orders").input().string("durable", null));
        // NATS refuses '.' in consumer names; '~' is never in an id, so "a.b" and "a_b" keep two consumers
        assertEquals("capa-connector-eu~orders", PARSER.parse(OUTLET, "eu.orders").input().string("durable", null));
        assertEquals("capa-connector-eu_orders", PARSER.parse(OUTLET, "eu_orders").input().string("durable", null));
        String inlet = """
                source:
                  type: nats_kv
                  config: { bucket: prices }
                producer:
                  nats: { url: "nats://127.0.0.1:4222" }
                  core: { subject: prices.out }
                """;
        assertEquals("capa-connector-p1", PARSER.parse(inlet, "p1").input().string("durable", null));
        String named = inlet.replace("bucket: prices", "bucket: prices, durable: mine");
        assertEquals("mine", PARSER.parse(named, "p1").input().string("durable", null), "a durable of the document wins");
        assertTrue(refusal(inlet.replace("bucket: prices", "bucket: prices, durable: my.name"))
                .startsWith("inlet.source.config.durable: 'my.name' does not match"));
        assertEquals(null, PARSER.parse(INLET, "c1").input().config().get("durable"), "a Kafka source has its consumer group");
    }

    @Test
    void base64AndTheControlPlaneWrapperAreAccepted() {
        String wrapped = "connector_id: from-doc\ndescription: orders out\nruntime_id: capa_ee\nsteps:\n"
                + OUTLET.indent(2);
        String encoded = Base64.getEncoder().encodeToString(wrapped.getBytes(StandardCharsets.UTF_8));
        ConnectorSpec spec = PARSER.parse(encoded, null);
        assertEquals("from-doc", spec.id());
        assertEquals("orders out", spec.description());
        assertEquals("kafka", spec.sink().type());
    }

    @Test
    void aMissingSourceFieldIsNamed() {
        assertEquals("inlet.source.config.subject: required", refusal("""
                source: { type: nats, config: { url: "nats://127.0.0.1:4222" } }
                producer: { nats: { url: "nats://127.0.0.1:4222" }, core: { subject: out } }
                """));
    }

    @Test
    void unknownFieldsTypesAndConstraintsAreNamed() {
        assertTrue(refusal(INLET.replace("topics: [orders]", "topics: [orders]\n    topic: x"))
                .startsWith("inlet.source.config.topic: unknown field"));
        assertEquals("inlet.source.config.start_from_oldest: must be true or false, not 'yes'",
                refusal(INLET.replace("topics: [orders]", "topics: [orders]\n    start_from_oldest: 'yes'")));
        assertTrue(refusal(INLET.replace("topics: [orders]", "topics: [orders]\n    max_poll_records: 0"))
                .startsWith("inlet.source.config.max_poll_records: 0 must be at least 1"));
        assertTrue(refusal(OUTLET.replace("topic: orders", "topic: orders, timeout: soon"))
                .startsWith("outlet.sink.config.timeout: 'soon' is not a duration"));
        assertTrue(refusal(INLET.replace("type: kafka", "type: amqp")).startsWith("inlet.source.type: unknown source 'amqp'"));
        assertTrue(refusal(INLET.replace("nats://127.0.0.1:4222", "http://x")).startsWith("inlet.producer.nats.url:"));
    }

    @Test
    void theConnectRulesAreEnforced() {
        assertEquals("outlet.consumer: exactly one of core, stream, kv is required (found core, stream)",
                refusal(OUTLET.replace("stream: {", "core: { subject: a }\n  stream: {")));
        assertEquals("inlet.producer.core.subject: 'a.>' must not contain wildcards or spaces",
                refusal(INLET.replace("subject: orders.in", "subject: a.>")));
        assertTrue(refusal(INLET + OUTLET.replace("consumer:", "consumer2:")).startsWith("consumer2: unknown step"));
        assertTrue(refusal(INLET + "sink: { type: kafka }\n").startsWith("source: an inlet"));
        assertEquals("outlet.sink: required", refusal(OUTLET.substring(0, OUTLET.indexOf("sink:"))));
        assertTrue(refusal("description: x\n").startsWith("description: unknown step"));
        assertTrue(refusal("steps: {}\n").startsWith("steps: required"));
        assertEquals("inlet.transformer.mapping: not supported by this runtime (supported: wasm, composite)",
                refusal(INLET.replace("wasm: { function: upper }", "mapping: { sourcecode: 'root = this' }")));
        assertEquals("inlet.transformer.composite.sequential[1].wasm.function: required",
                refusal(INLET.replace("wasm: { function: upper }",
                        "composite: { sequential: [ { wasm: { function: a } }, { wasm: { } } ] }")));
    }

    @Test
    void deadLettersAreASinkFieldWithDefaultsAndNamedErrors() {
        assertEquals(null, PARSER.parse(OUTLET, "c1").output().config().get("dead_letter"),
                "without dead_letter a refused message is retried until the sink takes it");
        ConnectorSpec spec = PARSER.parse(OUTLET.replace("topic: orders", "topic: orders, dead_letter: { max_attempts: 3 }"),
                "c1");
        assertEquals(java.util.Map.of("max_attempts", 3L, "backoff", "100ms", "max_backoff", "5s"),
                spec.output().config().get("dead_letter"));
        assertTrue(refusal(OUTLET.replace("topic: orders", "topic: orders, dead_letter: { max_attempts: 0 }"))
                .startsWith("outlet.sink.config.dead_letter.max_attempts: 0 must be at least 1"));
        assertTrue(refusal(OUTLET.replace("topic: orders", "topic: orders, dead_letter: { subject: 'dlq.>' }"))
                .startsWith("outlet.sink.config.dead_letter.subject: 'dlq.>' does not match"));
        assertTrue(refusal(OUTLET.replace("topic: orders", "topic: orders, dead_letter: { tries: 2 }"))
                .startsWith("outlet.sink.config.dead_letter.tries: unknown field"));
        assertEquals("outlet.sink.config.dead_letter.backoff: 10s must not be longer than max_backoff (5s)",
                refusal(OUTLET.replace("topic: orders", "topic: orders, dead_letter: { backoff: 10s }")));
        assertTrue(refusal(OUTLET.replace("topic: orders", "topic: orders, dead_letter: 3"))
                .startsWith("outlet.sink.config.dead_letter: must be an object"));
        ConnectorSpec inlet = PARSER.parse(INLET.replace("core: { subject: orders.in }",
                "core: { subject: orders.in }\n  dead_letter: { subject: orders.dlq }"), "c1");
        assertEquals(java.util.Map.of("max_attempts", 5, "subject", "orders.dlq", "backoff", "100ms", "max_backoff", "5s"),
                inlet.output().config().get("dead_letter"), "an inlet's producer may have one too");
        assertTrue(refusal(INLET.replace("core: { subject: orders.in }",
                "core: { subject: orders.in }\n  dead_letter: { max_attempts: x }"))
                .startsWith("inlet.producer.dead_letter.max_attempts: must be an integer"));
    }

    @Test
    void notAYamlMapIsRefused() {
        assertTrue(refusal("- a\n- b\n").startsWith("document: must be an object"));
        assertTrue(refusal("a: [").startsWith("document: not valid YAML"));
        assertTrue(refusal("   ").startsWith("document: empty"));
    }

    @Test
    void aDeeplyNestedDocumentIsRefusedNotAStackOverflow() {
        String deep = "inlet: { source: " + "[".repeat(50_000) + "]".repeat(50_000) + " }";

        assertEquals("document: mappings and sequences nested deeper than " + ConnectorDocument.MAX_NESTING + " levels", refusal(deep));
    }
}
