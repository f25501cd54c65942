// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

/** What the RabbitMQ activation spec refuses at deploy time, naming the property. */
class RabbitMqActivationSpecTest {

    private static RabbitMqActivationSpec spec() {
        RabbitMqActivationSpec spec = new RabbitMqActivationSpec();
        spec.setQueue("orders");
        spec.setTarget("http://localhost:3000/orders");
        return spec;
    }

    private static String refusal(RabbitMqActivationSpec spec) {
        return assertThrows(InvalidPropertyException.class, spec::validate).getMessage();
    }

    @Test
    void aValidSpecPasses() throws Exception {
        spec().validate();
        RabbitMqActivationSpec bound = spec();
        bound.setExchange("events");
        bound.setExchangeType("Fanout");
        bound.validate();
    }

    @Test
    void badValuesAreRefusedNamingTheProperty() {
        RabbitMqActivationSpec noQueue = spec();
        noQueue.setQueue(" ");
        assertTrue(refusal(noQueue).contains("'queue'"));

        RabbitMqActivationSpec reserved = spec();
        reserved.setQueue("amq.gen-x");
        assertTrue(refusal(reserved).contains("'queue'"));

        RabbitMqActivationSpec type = spec();
        type.setExchange("events");
        type.setExchangeType("broadcast");
        assertTrue(refusal(type).contains("'exchangeType'"));

        RabbitMqActivationSpec prefetch = spec();
        prefetch.setPrefetch(0);
        assertTrue(refusal(prefetch).contains("'prefetch'"));

        RabbitMqActivationSpec url = spec();
        url.setUrl("http://broker:5672");
        assertTrue(refusal(url).contains("'url'"));

        RabbitMqActivationSpec deadLetters = spec();
        deadLetters.setDeadLetterQueue("x".repeat(300));
        assertTrue(refusal(deadLetters).contains("'deadLetterQueue'"));
    }
}
