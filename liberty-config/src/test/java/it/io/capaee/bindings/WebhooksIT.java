// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.RemoteClient;
import it.io.capaee.support.SharedResources;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code POST /v1.0-alpha1/webhooks/{name}} on the test server's webhooks (src/test/liberty/webhooks.xml):
 * {@code it-github} (GitHub's scheme, delivered to the input binding's target) and {@code it-stripe}
 * (Stripe's scheme, a 4096-byte limit, a target of its own), through the webhook input binding to the
 * input app, with its retries and dead letters (the memory binding). A refused request is never
 * delivered: each such test then sends a valid request and waits for it, and as the binding delivers in
 * order, the refused one would have arrived first.
 */
@ResourceLock(SharedResources.INPUT_APP_PORT)
class WebhooksIT {
    private static final String GITHUB_SECRET = "it-github-secret-0123456789";
    private static final String STRIPE_SECRET = "whsec_it_0123456789abcdef";
    private static InputApp app;

    @BeforeAll
    static void startApp() throws Exception {
        app = new InputApp();
    }

    @AfterAll
    static void stopApp() {
        app.close();
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static String github(String body) throws Exception {
        return "sha256=" + hmac(GITHUB_SECRET, body);
    }

    private static String stripe(String body, long t) throws Exception {
        return "t=" + t + ",v1=" + hmac(STRIPE_SECRET, t + "." + body);
    }

    private static HttpResponse<String> send(String webhook, String body, String header, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Sidecar.base() + "/v1.0-alpha1/webhooks/" + webhook))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(header, signature);
        }
        return Sidecar.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> sendGitHub(String body) throws Exception {
        return send("it-github", body, "X-Hub-Signature-256", github(body));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String errorCode) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        assertTrue(response.body().contains(errorCode), response.body());
    }

    /** Sends a valid marker and waits for it: everything sent before it has been delivered, or never will be. */
    private static List<InputApp.Event> drained(String path) throws Exception {
        String marker = "{\"marker\":\"" + Sidecar.unique("marker") + "\"}";
        HttpResponse<String> sent = path.equals("/stripe-input")
                ? send("it-stripe", marker, "Stripe-Signature", stripe(marker, Instant.now().getEpochSecond()))
                : sendGitHub(marker);
        assertEquals(202, sent.statusCode(), sent.body());
        List<InputApp.Event> events = app.await(path, Duration.ofSeconds(30),
                list -> list.stream().anyMatch(e -> e.body().equals(marker)));
        assertTrue(events.stream().anyMatch(e -> e.body().equals(marker)), "the marker arrived");
        return events;
    }

    private static boolean arrived(List<InputApp.Event> events, String body) {
        return events.stream().anyMatch(e -> e.body().equals(body));
    }

    @Test
    void aValidGitHubRequestIsAcceptedAndDeliveredWithItsMetadata() throws Exception {
        String body = "{\"ref\":\"refs/heads/main\",\"id\":\"" + Sidecar.unique("gh") + "\"}";
        HttpResponse<String> accepted = sendGitHub(body);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("\"webhook\":\"it-github\""), accepted.body());
        String id = accepted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        List<InputApp.Event> events = app.await("/webhook-input", Duration.ofSeconds(30), list -> arrived(list, body));
        InputApp.Event event = events.stream().filter(e -> e.body().equals(body)).findFirst().orElseThrow();
        assertEquals("it-github", event.headers().get("webhook"));
        assertEquals(id, event.headers().get("webhook-id"));
        assertEquals("push", event.headers().get("x-github-event"));
        assertFalse(event.headers().containsKey("x-hub-signature-256"), "the signature does not travel on");
    }

    @Test
    void anInvalidSignatureIs401AndNothingIsDelivered() throws Exception {
        String body = "{\"forged\":\"" + Sidecar.unique("forged") + "\"}";
        assertProblem(send("it-github", body, "X-Hub-Signature-256", github(body + " ")), 401, "ERR_WEBHOOK_SIGNATURE");
        assertProblem(send("it-github", body, "X-Hub-Signature-256", "sha256=" + hmac("another-secret-0123456", body)),
                401, "ERR_WEBHOOK_SIGNATURE");
        assertProblem(send("it-github", body, "X-Hub-Signature-256", null), 401, "ERR_WEBHOOK_SIGNATURE");
        assertProblem(send("it-stripe", body, "Stripe-Signature", github(body)), 401, "ERR_WEBHOOK_SIGNATURE");
        assertFalse(arrived(drained("/webhook-input"), body));
        assertFalse(arrived(drained("/stripe-input"), body));
    }

    @Test
    void aReplayedRequestIs409AndDeliveredOnce() throws Exception {
        String body = "{\"once\":\"" + Sidecar.unique("once") + "\"}";
        assertEquals(202, sendGitHub(body).statusCode());
        assertProblem(sendGitHub(body), 409, "ERR_WEBHOOK_REPLAYED");

        String stripeBody = "{\"type\":\"invoice.paid\",\"id\":\"" + Sidecar.unique("evt") + "\"}";
        String signature = stripe(stripeBody, Instant.now().getEpochSecond());
        assertEquals(202, send("it-stripe", stripeBody, "Stripe-Signature", signature).statusCode());
        assertProblem(send("it-stripe", stripeBody, "Stripe-Signature", signature), 409, "ERR_WEBHOOK_REPLAYED");

        assertEquals(1, drained("/webhook-input").stream().filter(e -> e.body().equals(body)).count());
        assertEquals(1, drained("/stripe-input").stream().filter(e -> e.body().equals(stripeBody)).count());
    }

    @Test
    void aStripeSignatureOutsideTheToleranceIs401Stale() throws Exception {
        String body = "{\"old\":\"" + Sidecar.unique("old") + "\"}";
        long tenMinutesAgo = Instant.now().getEpochSecond() - 600;
        assertProblem(send("it-stripe", body, "Stripe-Signature", stripe(body, tenMinutesAgo)), 401, "ERR_WEBHOOK_STALE");
        long tenMinutesAhead = Instant.now().getEpochSecond() + 600;
        assertProblem(send("it-stripe", body, "Stripe-Signature", stripe(body, tenMinutesAhead)), 401, "ERR_WEBHOOK_STALE");
        assertFalse(arrived(drained("/stripe-input"), body));
    }

    @Test
    void aStripeEventGoesToTheWebhooksOwnTarget() throws Exception {
        String body = "{\"type\":\"charge.succeeded\",\"id\":\"" + Sidecar.unique("charge") + "\"}";
        assertEquals(202, send("it-stripe", body, "Stripe-Signature", stripe(body, Instant.now().getEpochSecond())).statusCode());
        assertTrue(arrived(app.await("/stripe-input", Duration.ofSeconds(30), list -> arrived(list, body)), body));
        assertFalse(arrived(app.accepted("/webhook-input"), body));
    }

    @Test
    void anOversizeBodyIs413AndNothingIsDelivered() throws Exception {
        String body = "{\"big\":\"" + "x".repeat(5000) + "\",\"id\":\"" + Sidecar.unique("big") + "\"}";
        // signed correctly: the size alone refuses it, before the signature is looked at
        assertProblem(send("it-stripe", body, "Stripe-Signature", stripe(body, Instant.now().getEpochSecond())), 413,
                "ERR_WEBHOOK_TOO_LARGE");
        assertFalse(arrived(drained("/stripe-input"), body));
    }

    @Test
    void aStrangerMayCallAWebhookWithItsSignatureAndNothingElse() throws Exception {
        // not on loopback (a network namespace): the webhook is public, its signature is the credential
        String body = "{\"remote\":\"" + Sidecar.unique("remote") + "\"}";
        RemoteClient.Answer accepted = RemoteClient.send("POST", "/v1.0-alpha1/webhooks/it-github", body,
                "Content-Type", "application/json", "X-Hub-Signature-256", github(body));
        assertEquals(202, accepted.status(), accepted.toString());
        RemoteClient.Answer forged = RemoteClient.send("POST", "/v1.0-alpha1/webhooks/it-github", body + " ",
                "Content-Type", "application/json", "X-Hub-Signature-256", github(body));
        assertEquals(401, forged.status(), forged.toString());
        assertTrue(forged.isProblem(), forged.toString());
        RemoteClient.Answer bindings = RemoteClient.send("POST", "/v1.0/bindings/memory", "{\"operation\":\"list\"}",
                "Content-Type", "application/json");
        assertTrue(bindings.status() == 401 || bindings.status() == 403, "the Dapr API stays closed: " + bindings);
        assertTrue(arrived(app.await("/webhook-input", Duration.ofSeconds(30), list -> arrived(list, body)), body));
    }

    @Test
    void anUnknownWebhookIs404() throws Exception {
        assertProblem(send("no-such-webhook", "{}", "X-Hub-Signature-256", github("{}")), 404, "ERR_WEBHOOK_NOT_FOUND");
        assertProblem(send("memory", "{}", "X-Hub-Signature-256", github("{}")), 404, "ERR_WEBHOOK_NOT_FOUND");
    }

    @Test
    void aFlakyTargetGetsTheEventOnARetry() throws Exception {
        String body = "flaky " + Sidecar.unique("flaky");
        assertEquals(202, sendGitHub(body).statusCode());
        List<InputApp.Event> events = app.await("/webhook-input", Duration.ofSeconds(30), list -> arrived(list, body));
        InputApp.Event event = events.stream().filter(e -> e.body().equals(body)).findFirst().orElseThrow();
        assertEquals("3", event.headers().get("capa-attempt"));
    }

    @Test
    void anEventTheTargetRefusesIsDeadLetteredToTheMemoryBinding() throws Exception {
        String body = "poison " + Sidecar.unique("poison");
        HttpResponse<String> accepted = sendGitHub(body);
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = accepted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> letter = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            letter = Sidecar.invoke("memory", "{\"operation\":\"get\",\"metadata\":{\"key\":\"" + id + "\"}}");
            if (letter.statusCode() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(200, letter.statusCode(), "the dead letter is in the memory binding under the event's id");
        assertEquals(body, letter.body());
        assertFalse(arrived(app.accepted("/webhook-input"), body));
        Sidecar.invoke("memory", "{\"operation\":\"delete\",\"metadata\":{\"key\":\"" + id + "\"}}");
    }
}
