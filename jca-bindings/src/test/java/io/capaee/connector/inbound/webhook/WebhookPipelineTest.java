// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.WebhookListener;
import io.capaee.api.webhook.WebhookException;
import io.capaee.api.webhook.WebhookException.Reason;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.Eventually;
import io.capaee.connector.inbound.ListenerEndpointFactory;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
import io.capaee.connector.webhook.SignatureScheme;
import io.capaee.connector.webhook.WebhookGate;
import io.capaee.connector.webhook.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A signed request through the gate, the adapter's inbox and the webhook endpoint's turns on a work
 * manager, to a message endpoint: the same line of retries and dead letters as the broker sources.
 */
class WebhookPipelineTest {
    private static final String SECRET = "pipeline-secret-0123456789";

    private final ThreadPoolWorkManager work = new ThreadPoolWorkManager();
    private final WebhookInbox inbox = new WebhookInbox();
    private final List<InboundMessage> delivered = new CopyOnWriteArrayList<>();
    private final List<InboundMessage> attempts = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> deadLetters = new CopyOnWriteArrayList<>();
    private final WebhookGate gate = new WebhookGate(new WebhookSettings(SignatureScheme.GITHUB,
            SECRET.getBytes(StandardCharsets.UTF_8), "X-Hub-Signature-256", Duration.ofMinutes(5), 1024, "",
            Set.of("x-github-event")), inbox, Clock.systemUTC());
    private WebhookInboundEndpoint endpoint;

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.release();
            endpoint.awaitStopped(5000);
        }
        work.close();
    }

    private void start(int capacity) throws Exception {
        start(capacity, (event, headers) -> {
            Map<String, String> letter = new java.util.HashMap<>(headers);
            letter.put("id", event.id());
            deadLetters.add(letter);
        });
    }

    private void start(int capacity, WebhookDeadLetters letters) throws Exception {
        endpoint = new WebhookInboundEndpoint(inbox, capacity, "http://app/webhook-input", new DeliveryPolicy(3, 1, 5),
                new EndpointInvoker(recordingFactory()), letters);
        endpoint.start(work.pacer());
        Eventually.await(() -> endpoint.problem().isEmpty());
    }

    @Test
    void aDeadLetterIsOneMoreDeliveryThroughTheBeanToTheBinding() throws Exception {
        start(10, new BindingDeadLetters(new EndpointInvoker(recordingFactory()), "dlq"));
        String id = receive("poison to the binding");
        Eventually.await(() -> delivered.stream().anyMatch(m -> m.target().equals("binding:dlq")));
        InboundMessage letter = delivered.stream().filter(m -> m.target().equals("binding:dlq")).findFirst().orElseThrow();
        assertEquals(id, letter.key());
        assertEquals("poison to the binding", new String(letter.data(), StandardCharsets.UTF_8));
        assertEquals("3", letter.metadata().get("capa-attempts"));
        assertEquals("gh", letter.metadata().get("capa-original-webhook"));
        assertEquals("push", letter.metadata().get("x-github-event"));
        assertTrue(letter.metadata().get("capa-dead-letter-reason").contains("refused poison"), letter.metadata().toString());
    }

    @Test
    void aDeadLetterThatFailsBringsTheEventAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        start(10, (event, headers) -> {
            if (failures.incrementAndGet() == 1) {
                throw new IllegalStateException("the dead-letter binding is down");
            }
            deadLetters.add(Map.of("id", event.id()));
        });
        String id = receive("poison twice");
        Eventually.await(() -> deadLetters.size() == 1);
        assertEquals(id, deadLetters.get(0).get("id"));
        assertEquals(6, attempts.size(), "three attempts, a failed dead letter, three attempts again");
    }

    private String receive(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return gate.receive("gh", body.getBytes(StandardCharsets.UTF_8),
                Map.of("X-Hub-Signature-256", signature, "X-GitHub-Event", "push", "Cookie", "secret"));
    }

    @Test
    void aSignedRequestReachesTheBeanWithItsMetadataAndTheSpecsTarget() throws Exception {
        start(10);
        String id = receive("{\"ref\":\"main\"}");
        Eventually.await(() -> delivered.size() == 1);
        InboundMessage message = delivered.get(0);
        assertEquals("webhook", message.source());
        assertEquals("gh", message.destination());
        assertEquals("{\"ref\":\"main\"}", new String(message.data(), StandardCharsets.UTF_8));
        assertEquals(Map.of("webhook", "gh", "webhook-id", id, "x-github-event", "push"), message.metadata());
        assertEquals("http://app/webhook-input", message.target());
    }

    @Test
    void aFailingDeliveryIsRetriedThenDeadLettered() throws Exception {
        start(10);
        String id = receive("poison");
        Eventually.await(() -> deadLetters.size() == 1);
        assertEquals(3, attempts.stream().filter(m -> m.key().equals(id)).count());
        assertEquals(List.of(1, 2, 3), attempts.stream().map(InboundMessage::attempt).toList());
        assertEquals(id, deadLetters.get(0).get("id"));
        assertEquals("3", deadLetters.get(0).get("capa-attempts"));
        assertEquals("gh", deadLetters.get(0).get("capa-original-webhook"));
        assertTrue(delivered.isEmpty());
    }

    @Test
    void aFlakyDeliverySucceedsOnARetry() throws Exception {
        start(10);
        receive("flaky");
        Eventually.await(() -> delivered.size() == 1);
        assertEquals(2, attempts.size());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void withoutAnActiveBindingARequestIsUnavailableAndMayComeAgainLater() throws Exception {
        WebhookException refused = assertThrows(WebhookException.class, () -> receive("{\"early\":true}"));
        assertEquals(Reason.UNAVAILABLE, refused.reason());
        start(10);
        receive("{\"early\":true}"); // not a replay: the first was not taken
        Eventually.await(() -> delivered.size() == 1);
    }

    @Test
    void theSameRequestAgainIsAReplay() throws Exception {
        start(10);
        receive("{\"n\":1}");
        assertEquals(Reason.REPLAYED, assertThrows(WebhookException.class, () -> receive("{\"n\":1}")).reason());
        Eventually.await(() -> delivered.size() == 1);
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndNothingIsDelivered() throws Exception {
        start(10);
        assertEquals(Reason.TOO_LARGE, assertThrows(WebhookException.class, () -> receive("x".repeat(1025))).reason());
        receive("after");
        Eventually.await(() -> delivered.size() == 1);
        assertEquals("after", new String(delivered.get(0).data(), StandardCharsets.UTF_8));
    }

    @Test
    void eventsArriveInOrder() throws Exception {
        start(100);
        for (int i = 0; i < 50; i++) {
            receive("{\"n\":" + i + "}");
        }
        Eventually.await(() -> delivered.size() == 50);
        for (int i = 0; i < 50; i++) {
            assertEquals("{\"n\":" + i + "}", new String(delivered.get(i).data(), StandardCharsets.UTF_8));
        }
    }

    /** Endpoints that record each attempt, refuse bodies starting "poison", and "flaky" on the first attempt. */

    /** The webhook bean: refuses bodies starting with {@code poison}, and {@code flaky} ones on their first attempt. */
    private ListenerEndpointFactory recordingFactory() {
        return new ListenerEndpointFactory("capa-ee#ejb-bindings#WebhookInputBinding", WebhookListener.class, message -> {
            if (!message.target().startsWith("binding:")) {
                attempts.add(message);
            }
            String body = new String(message.data(), StandardCharsets.UTF_8);
            boolean deadLetter = message.target().startsWith("binding:");
            if (!deadLetter && (body.startsWith("poison") || (body.startsWith("flaky") && message.attempt() < 2))) {
                throw new IllegalStateException("refused " + body);
            }
            delivered.add(message);
        });
    }
}
