// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

/** What the MQTT activation spec refuses at deploy time, naming the property, and its subscription. */
class MqttActivationSpecTest {

    private static MqttActivationSpec spec() {
        MqttActivationSpec spec = new MqttActivationSpec();
        spec.setTopic("orders/+/created");
        spec.setTarget("http://localhost:3000/orders");
        return spec;
    }

    private static String refusal(MqttActivationSpec spec) {
        return assertThrows(InvalidPropertyException.class, spec::validate).getMessage();
    }

    @Test
    void aValidSpecPasses() throws Exception {
        spec().validate();
    }

    @Test
    void badValuesAreRefusedNamingTheProperty() {
        MqttActivationSpec noTopic = spec();
        noTopic.setTopic(" ");
        assertTrue(refusal(noTopic).contains("'topic'"));

        MqttActivationSpec shared = spec();
        shared.setTopic("$share/g/orders/#");
        assertTrue(refusal(shared).contains("'topic'"), "the group goes in 'group'");

        MqttActivationSpec group = spec();
        group.setGroup("a/b");
        assertTrue(refusal(group).contains("'group'"));

        MqttActivationSpec qos = spec();
        qos.setQos(5);
        assertTrue(refusal(qos).contains("'qos'"));

        MqttActivationSpec url = spec();
        url.setUrl("http://broker:1883");
        assertTrue(refusal(url).contains("'url'"));

        MqttActivationSpec deadLetters = spec();
        deadLetters.setDeadLetterTopic("dlq/#");
        assertTrue(refusal(deadLetters).contains("'deadLetterTopic'"));
    }

    @Test
    void aGroupMakesASharedSubscription() {
        assertEquals("$share/billing/orders/+/created",
                new MqttInboundEndpoint.Subscription("orders/+/created", "billing", 1, "c", "").filter());
        assertEquals("orders/+/created", new MqttInboundEndpoint.Subscription("orders/+/created", "", 1, "c", "").filter());
    }
}
