// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.connector.ConfigPropertyDefaults;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.binding.nats.NatsBindingManagedConnectionFactory;
import io.capaee.connector.inbound.jetstream.JetStreamActivationSpec;
import io.capaee.connector.inbound.nats.NatsActivationSpec;
import io.capaee.connector.rpc.MessageBusManagedConnectionFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NatsPropertiesTest {

    @Test
    void everyBeanThatConnectsToNatsHasTheSameConnectionPropertiesAndDefaults() throws Exception {
        Map<String, String> expected = Map.of("servers", "nats://127.0.0.1:4222", "token", "", "timeoutMillis", "5000");
        for (Object bean : List.of(new NatsBindingManagedConnectionFactory(), new MessageBusManagedConnectionFactory(),
                new NatsActivationSpec(), new JetStreamActivationSpec())) {
            Map<String, String> found = new TreeMap<>(ConfigPropertyDefaults.check(bean));
            found.keySet().retainAll(expected.keySet());
            assertEquals(new TreeMap<>(expected), found, bean.getClass().getSimpleName());
        }
    }

    @Test
    void aMissingTimeoutIsRefusedNamingItsProperty() {
        NatsProperties p = new NatsProperties();
        p.setTimeoutMillis(null);
        assertEquals("timeoutMillis", assertThrows(InvalidConfigException.class, p::settings).property());
    }

    @Test
    void theSettingsAreWhatWasSet() {
        NatsProperties p = new NatsProperties();
        p.setServers("tls://nats.example:4443");
        p.setToken("t");
        p.setTimeoutMillis(700);
        assertEquals(new NatsSettings("tls://nats.example:4443", "t", 700), p.settings());
        assertEquals("nats tls://nats.example:4443", p.describe());
    }
}
