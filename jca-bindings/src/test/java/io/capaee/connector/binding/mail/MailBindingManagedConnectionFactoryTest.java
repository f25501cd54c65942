// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.connector.ConfigPropertyDefaults;
import org.junit.jupiter.api.Test;

class MailBindingManagedConnectionFactoryTest {

    @Test
    void theAnnotatedDefaultsAreTheBeansAndDescribed() throws Exception {
        ConfigPropertyDefaults.check(new MailBindingManagedConnectionFactory());
    }

    @Test
    void recipientPatternsMatchWholeAddressesWithoutCase() {
        RecipientAllowList list = RecipientAllowList.of("*@example.com, alerts-*@ops.example.org");
        assertTrue(list.allows("Someone@Example.com"));
        assertTrue(list.allows("alerts-disk@ops.example.org"));
        assertFalse(list.allows("someone@example.com.evil.test"));
        assertFalse(list.allows("someone@sub.example.org"));
        assertFalse(list.allows("alerts@ops.example.org"));
        assertTrue(RecipientAllowList.of("").allows("anyone@anywhere.test"));
        assertTrue(RecipientAllowList.of("a.b@x.test").allows("a.b@x.test"));
        assertFalse(RecipientAllowList.of("a.b@x.test").allows("aXb@x.test"), "a dot is a dot, not any character");
    }
}
