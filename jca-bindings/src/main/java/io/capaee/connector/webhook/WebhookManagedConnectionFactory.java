// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import io.capaee.api.webhook.Webhook;
import io.capaee.api.webhook.WebhookFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.BackendManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One webhook ({@code <connectionFactory jndiName="eis/webhook/<name>">}): how its requests are
 * signed, the secret, the body limit, and optionally a target of its own. Its connections check a
 * request and hand it to the adapter's inbound side ({@link WebhookGate}); the one gate per factory
 * is what remembers the webhook's signatures against replays.
 *
 * <p>Why a connection factory: the webhook's HTTP endpoint is in the gateway WAR and the delivery
 * pipeline (turns, retries, dead letters) is the adapter's inbound side; a WAR reaches the adapter
 * only through a JNDI resource and a lib-api interface ({@link WebhookFactory}), and a connection
 * factory is the adapter's JNDI resource, configured in server.xml like every other. The factory
 * is associated with the adapter, whose {@code WebhookInbox} the activation spec reaches too, so
 * the request and the endpoint meet without static state.
 */
@ConnectionDefinition(
        connectionFactory = WebhookFactory.class,
        connectionFactoryImpl = WebhookConnectionFactory.class,
        connection = Webhook.class,
        connectionImpl = WebhookHandle.class)
public class WebhookManagedConnectionFactory extends BackendManagedConnectionFactory<WebhookGate> {
    private static final long serialVersionUID = 1L;
    private static final int MIN_SECRET_BYTES = 16;

    @ConfigProperty(defaultValue = "github", description = "Signature scheme: github (X-Hub-Signature-256: sha256=<hex>)"
            + " or stripe (Stripe-Signature: t=<seconds>,v1=<hex>); both HMAC-SHA256")
    private String scheme = "github";

    @ConfigProperty(description = "The shared secret the service signs with (at least 16 bytes)", confidential = true)
    private String secret = "";

    @ConfigProperty(description = "Header carrying the signature; empty: the scheme's own")
    private String signatureHeader = "";

    @ConfigProperty(defaultValue = "300", description = "Seconds a signed timestamp may be off this server's clock,"
            + " and how long a signature is remembered against replays")
    private Integer toleranceSeconds = 300;

    @ConfigProperty(defaultValue = "1048576", description = "Largest body taken, in bytes; larger requests get 413")
    private Long maxBodyBytes = 1_048_576L;

    @ConfigProperty(description = "This webhook's delivery target; empty: the webhook input binding's target")
    private String target = "";

    @ConfigProperty(defaultValue = "content-type,user-agent,x-github-event,x-github-delivery,x-github-hook-id",
            description = "Request headers handed on as the event's metadata, comma separated")
    private String forwardHeaders = "content-type,user-agent,x-github-event,x-github-delivery,x-github-hook-id";

    @Override
    protected void validate() {
        settings();
    }

    WebhookSettings settings() {
        SignatureScheme kind = SignatureScheme.of("scheme", required("scheme", scheme));
        byte[] key = required("secret", secret).getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new InvalidConfigException("secret", "must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (toleranceSeconds == null || toleranceSeconds < 1) {
            throw new InvalidConfigException("toleranceSeconds", toleranceSeconds + " must be at least 1");
        }
        if (maxBodyBytes == null || maxBodyBytes < 1) {
            throw new InvalidConfigException("maxBodyBytes", maxBodyBytes + " must be at least 1");
        }
        String header = signatureHeader == null || signatureHeader.isBlank() ? kind.defaultHeader() : signatureHeader.strip();
        Set<String> forwarded = forwardHeaders == null ? Set.of() : Arrays.stream(forwardHeaders.split(","))
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
        // the signature never travels on: it would let whoever sees the event replay the request
        forwarded.remove(header.toLowerCase(Locale.ROOT));
        return new WebhookSettings(kind, key, header, Duration.ofSeconds(toleranceSeconds), maxBodyBytes,
                target == null ? "" : target.strip(), forwarded);
    }

    private static String required(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(property, "must be set");
        }
        return value.strip();
    }

    @Override
    protected WebhookGate openBackend() {
        return new WebhookGate(settings(), adapter().webhooks(), Clock.systemUTC());
    }

    @Override
    public String describe() {
        return "webhook (" + scheme + ")";
    }

    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = scheme;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getSignatureHeader() {
        return signatureHeader;
    }

    public void setSignatureHeader(String signatureHeader) {
        this.signatureHeader = signatureHeader;
    }

    public Integer getToleranceSeconds() {
        return toleranceSeconds;
    }

    public void setToleranceSeconds(Integer toleranceSeconds) {
        this.toleranceSeconds = toleranceSeconds;
    }

    public Long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(Long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getForwardHeaders() {
        return forwardHeaders;
    }

    public void setForwardHeaders(String forwardHeaders) {
        this.forwardHeaders = forwardHeaders;
    }
}
