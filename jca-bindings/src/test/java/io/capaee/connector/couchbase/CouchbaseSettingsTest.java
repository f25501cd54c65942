// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.couchbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.connector.InvalidConfigException;
import org.junit.jupiter.api.Test;

class CouchbaseSettingsTest {

    @Test
    void credentialsAreRequiredOnlyToCountAsConfigured() {
        assertFalse(new CouchbaseSettings("couchbase://h", "", "", "", 1).configured());
        assertFalse(new CouchbaseSettings("couchbase://h", "u", "", "", 1).configured());
        assertTrue(new CouchbaseSettings("couchbase://h", "u", "p", "", 1).configured());
    }

    @Test
    void connectionStringsNeedACouchbaseScheme() {
        new CouchbaseSettings("couchbases://cb.example.com", "", "", "", 1);
        new CouchbaseSettings("10.0.0.1,10.0.0.2", "", "", "", 1);
        assertEquals("connectionString", assertThrows(InvalidConfigException.class,
                () -> new CouchbaseSettings("http://h:8091", "", "", "", 1)).property());
        assertEquals("connectionString", assertThrows(InvalidConfigException.class,
                () -> new CouchbaseSettings(" ", "", "", "", 1)).property());
    }

    @Test
    void theTimeoutMustBePositive() {
        assertEquals("timeoutMillis", assertThrows(InvalidConfigException.class,
                () -> new CouchbaseSettings("couchbase://h", "", "", "", 0)).property());
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        assertFalse(new CouchbaseSettings("couchbase://h", "u", "s3cret", "", 1).toString().contains("s3cret"));
    }
}
