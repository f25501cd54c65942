// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.binding.OutputBindingException;
import io.capaee.connector.InvalidConfigException;
import org.junit.jupiter.api.Test;

class SubjectAllowListTest {
    private static SubjectAllowList nats(String configured, String patterns) {
        return new SubjectAllowList("subject", "allowedSubjects", configured, patterns, SubjectAllowList.Namespace.NATS);
    }

    @Test
    void withNoPatternsOnlyTheConfiguredSubjectIsAllowed() {
        SubjectAllowList list = nats("orders.new", "");
        assertTrue(list.allows("orders.new"));
        assertFalse(list.allows("orders.old"));
        assertFalse(list.allows("$JS.API.STREAM.DELETE.ORDERS"));
    }

    @Test
    void starMatchesOneTokenAndGreaterThanTheRest() {
        SubjectAllowList list = nats("", "orders.*, events.>");
        assertTrue(list.allows("orders.new"));
        assertFalse(list.allows("orders.new.eu"));
        assertFalse(list.allows("orders"));
        assertTrue(list.allows("events.a"));
        assertTrue(list.allows("events.a.b.c"));
        assertFalse(list.allows("events"));
    }

    @Test
    void reservedSubjectsNeedAPatternThatNamesTheirPrefix() {
        for (String reserved : new String[] {"$JS.API.STREAM.DELETE.ORDERS", "$JS.API.STREAM.MSG.GET.ORDERS",
                "$SYS.REQ.SERVER.PING", "_INBOX.abc", "$KV.config.k", "$O.bucket.x"}) {
            assertFalse(nats("", ">").allows(reserved), reserved);
            assertFalse(nats("", "*.>").allows(reserved), reserved);
        }
        SubjectAllowList info = nats("", "$JS.API.STREAM.INFO.*");
        assertTrue(info.allows("$JS.API.STREAM.INFO.ORDERS"));
        assertFalse(info.allows("$JS.API.STREAM.DELETE.ORDERS"));
    }

    @Test
    void aRefusalIsForbiddenAndNamesTheSubjectAndTheSetting() {
        OutputBindingException e = assertThrows(OutputBindingException.class,
                () -> nats("orders.new", "").check("$JS.API.STREAM.DELETE.ORDERS"));
        assertEquals(OutputBindingException.Reason.FORBIDDEN, e.reason());
        assertTrue(e.getMessage().contains("$JS.API.STREAM.DELETE.ORDERS"), e.getMessage());
        assertTrue(e.getMessage().contains("allowedSubjects") && e.getMessage().contains("capa.bindings.<binding>.allow"),
                e.getMessage());
    }

    @Test
    void kafkaInternalTopicsNeedAPatternThatNamesThem() {
        SubjectAllowList list = new SubjectAllowList("topic", "allowedTopics", "out", ">", SubjectAllowList.Namespace.KAFKA);
        assertTrue(list.allows("anything"));
        assertFalse(list.allows("__consumer_offsets"));
    }

    @Test
    void aMalformedPatternFailsAtDeployTimeNamingTheProperty() {
        for (String bad : new String[] {"a..b", "a.>.b", "a*.b", "a b"}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> nats("", bad));
            assertEquals("allowedSubjects", e.property());
        }
    }

    @Test
    void mqttPatternsUseMqttWildcardsAndKeepTheDollarTopicsClosed() {
        SubjectAllowList list = new SubjectAllowList("topic", "allowedTopics", "out", "orders/+/created, audit/#",
                SubjectAllowList.Namespace.MQTT);
        assertTrue(list.allows("orders/eu/created"));
        assertFalse(list.allows("orders/eu/west/created"));
        assertTrue(list.allows("audit/a/b/c"));
        assertFalse(list.allows("orders.eu.created"), "a dot is no separator in MQTT");
        assertFalse(new SubjectAllowList("topic", "allowedTopics", "", "#", SubjectAllowList.Namespace.MQTT)
                .allows("$SYS/broker/clients"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> new SubjectAllowList("topic",
                "allowedTopics", "", "a/#/b", SubjectAllowList.Namespace.MQTT));
        assertEquals("allowedTopics", e.property());
    }
}
