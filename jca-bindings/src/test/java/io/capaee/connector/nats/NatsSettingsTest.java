// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.connector.InvalidConfigException;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {

    @Test
    void eachBadValueIsRejectedNamingItsProperty() {
        assertEquals("servers", assertThrows(InvalidConfigException.class,
                () -> new NatsSettings(" ", "", 5000)).property());
        assertEquals("servers", assertThrows(InvalidConfigException.class,
                () -> new NatsSettings("nats://a:4222, http://b:4222", "", 5000)).property());
        assertEquals("timeoutMillis", assertThrows(InvalidConfigException.class,
                () -> new NatsSettings("nats://a:4222", "", 0)).property());
        assertEquals("userSeed", assertThrows(InvalidConfigException.class,
                () -> new NatsSettings("nats://a:4222", "", "jwt", "", 5000)).property());
    }

    @Test
    void aConnectorUrlIsRefusedNamingTheStepsKey() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> NatsSettings.fromUrl("url", "redis://127.0.0.1:6379", null, null));
        assertEquals("url", e.property());
    }

    @Test
    void aConnectorStepGetsItsCredentialsOnlyWhenItHasBoth() {
        NatsSettings both = NatsSettings.fromUrl("url", "nats://a:4222,nats://b:4222", "jwt", "seed");
        assertEquals("jwt", both.userJwt());
        assertEquals("seed", both.userSeed());
        assertArrayEquals(new String[] {"nats://a:4222", "nats://b:4222"}, both.serverList());
        NatsSettings none = NatsSettings.fromUrl("url", "nats://a:4222", "jwt", null);
        assertEquals("", none.userJwt());
        assertEquals(NatsSettings.CONNECTOR_TIMEOUT_MILLIS, none.timeoutMillis());
    }

    @Test
    void theOptionsReconnectForEverAndAuthenticateAsTheSettingsSay() {
        Options token = NatsClients.options(new NatsSettings("nats://a:4222", "s3cret", 1500), "test");
        assertEquals(-1, token.getMaxReconnect());
        assertEquals(1500, token.getConnectionTimeout().toMillis());
        assertEquals("test", token.getConnectionName());
        assertArrayEquals("s3cret".toCharArray(), token.getTokenChars());
        assertNull(token.getAuthHandler());
        Options credentials = NatsClients.options(NatsSettings.fromUrl("url", "nats://a:4222", "jwt", "seed"), "c");
        assertNotNull(credentials.getAuthHandler());
    }

    @Test
    void noSecretAppearsInToString() {
        NatsSettings s = new NatsSettings("nats://a:4222", "s3cret", "the-jwt", "the-seed", 5000);
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertFalse(s.toString().contains("the-jwt"), s.toString());
        assertFalse(s.toString().contains("the-seed"), s.toString());
    }
}
