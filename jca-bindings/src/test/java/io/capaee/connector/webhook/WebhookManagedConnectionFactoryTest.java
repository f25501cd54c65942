// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.connector.ConfigPropertyDefaults;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.inbound.webhook.WebhookActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A webhook's server.xml properties: defaults, and a bad value refused naming its property. */
class WebhookManagedConnectionFactoryTest {

    private static WebhookManagedConnectionFactory factory(String scheme, String secret) {
        WebhookManagedConnectionFactory factory = new WebhookManagedConnectionFactory();
        factory.setScheme(scheme);
        factory.setSecret(secret);
        return factory;
    }

    @Test
    void theAnnotatedDefaultsAreTheBeansAndDescribed() throws Exception {
        ConfigPropertyDefaults.check(new WebhookManagedConnectionFactory());
        ConfigPropertyDefaults.check(new WebhookActivationSpec());
    }

    @Test
    void eachSchemeHasItsHeaderUnlessOneIsConfigured() {
        assertEquals("X-Hub-Signature-256", factory("github", "0123456789abcdef").settings().header());
        assertEquals("Stripe-Signature", factory("Stripe", "0123456789abcdef").settings().header());
        WebhookManagedConnectionFactory custom = factory("github", "0123456789abcdef");
        custom.setSignatureHeader("X-Signature");
        assertEquals("X-Signature", custom.settings().header());
    }

    @Test
    void theSignatureHeaderIsNeverForwarded() {
        WebhookManagedConnectionFactory f = factory("stripe", "0123456789abcdef");
        f.setForwardHeaders("Stripe-Signature, X-Request-Id ,");
        WebhookSettings settings = f.settings();
        assertEquals(Set.of("x-request-id"), settings.forwardHeaders());
        assertEquals(Duration.ofSeconds(300), settings.tolerance());
    }

    @Test
    void badPropertiesAreRefusedByName() {
        assertEquals("secret", assertThrows(InvalidConfigException.class, () -> factory("github", "").settings()).property());
        assertEquals("secret", assertThrows(InvalidConfigException.class, () -> factory("github", "short").settings()).property());
        assertEquals("scheme", assertThrows(InvalidConfigException.class,
                () -> factory("gitlab", "0123456789abcdef").settings()).property());
        WebhookManagedConnectionFactory zero = factory("github", "0123456789abcdef");
        zero.setToleranceSeconds(0);
        assertEquals("toleranceSeconds", assertThrows(InvalidConfigException.class, zero::settings).property());
        WebhookManagedConnectionFactory none = factory("github", "0123456789abcdef");
        none.setMaxBodyBytes(0L);
        assertEquals("maxBodyBytes", assertThrows(InvalidConfigException.class, none::settings).property());
    }

    @Test
    void theActivationSpecRefusesABadCapacityOrBindingName() throws Exception {
        WebhookActivationSpec spec = new WebhookActivationSpec();
        spec.setCapacity(0);
        InvalidPropertyException capacity = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(capacity.getMessage().contains("capacity"), capacity.getMessage());
        spec.setCapacity(10);
        spec.setDeadLetterBinding("../etc");
        InvalidPropertyException binding = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(binding.getMessage().contains("deadLetterBinding"), binding.getMessage());
        spec.setDeadLetterBinding("kafka");
        spec.validate();
    }
}
