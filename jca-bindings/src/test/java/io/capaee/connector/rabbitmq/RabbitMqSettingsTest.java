// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.connector.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broker URLs and timeouts are checked, naming the property; credentials stay out of URLs and output. */
class RabbitMqSettingsTest {

    @Test
    void severalBrokersAreAcceptedInOrderWithTheirPortsAndTheFirstOnesVirtualHost() {
        RabbitMqSettings settings = new RabbitMqSettings("amqp://a, amqps://b:5000/orders%2Feu", null, null, 1000);
        assertEquals(List.of(new RabbitMqSettings.Broker("a", 5672, false, "/"),
                new RabbitMqSettings.Broker("b", 5000, true, "orders/eu")), settings.brokers());
        assertEquals("", settings.username());
        assertEquals(5671, new RabbitMqSettings("amqps://c", "", "", 1).brokers().get(0).port());
        assertEquals("/", new RabbitMqSettings("amqp://c/", "", "", 1).brokers().get(0).virtualHost(),
                "a lone slash is the default virtual host");
    }

    @Test
    void badValuesNameTheirProperty() {
        for (String bad : new String[] {"", " ", "tcp://a:5672", "a:5672", "amqp://", "amqp://a/b/c", "amqp://[x"}) {
            assertEquals("url", assertThrows(InvalidConfigException.class, () -> new RabbitMqSettings(bad, "", "", 1000))
                    .property(), bad);
        }
        assertEquals("timeoutMillis", assertThrows(InvalidConfigException.class,
                () -> new RabbitMqSettings("amqp://a", "", "", 0)).property());
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new RabbitMqSettings("amqp://ada:s3cret@a:5672", "", "", 1000));
        assertEquals("url", e.property());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertFalse(new RabbitMqSettings("amqp://a", "ada", "s3cret", 1000).toString().contains("s3cret"));
    }

    @Test
    void namesAreAtMost255BytesWithoutNul() {
        assertTrue(RabbitMqClients.isName("orders.eu"));
        assertTrue(RabbitMqClients.isName("é".repeat(127)));
        assertFalse(RabbitMqClients.isName("é".repeat(128)), "256 bytes of UTF-8");
        assertFalse(RabbitMqClients.isName("a\0b"));
    }
}
