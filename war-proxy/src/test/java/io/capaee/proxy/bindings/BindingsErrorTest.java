// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import org.junit.jupiter.api.Test;

class BindingsErrorTest {
    @Test
    void aSubjectTheBindingDoesNotAllowIs403NamingTheSubjectAndTheSetting() {
        BindingFailure f = BindingFailure.of("nats", new OutputBindingException(Reason.FORBIDDEN,
                "subject '$JS.API.STREAM.DELETE.X' is not allowed: add it to capa.bindings.nats.allow"));
        assertEquals(403, f.status());
        assertTrue(f.detail().contains("$JS.API.STREAM.DELETE.X") && f.detail().contains("capa.bindings.nats.allow"), f.detail());
    }

    @Test
    void aFullBindingIs507() {
        assertEquals(507, BindingFailure.of("memory", new OutputBindingException(Reason.FULL, "full")).status());
    }

    @Test
    void aBrokerFailureNamesTheBindingButNotTheBrokerAddress() {
        for (Reason reason : new Reason[] {Reason.UNAVAILABLE, Reason.FAILED}) {
            BindingFailure f = BindingFailure.of("redis", new OutputBindingException(reason,
                    "redis 10.9.8.7:6379 unreachable: connection refused"));
            assertTrue(f.status() >= 500, f.detail());
            assertTrue(f.detail().contains("redis"), f.detail());
            assertFalse(f.detail().contains("10.9.8.7"), f.detail());
        }
    }
}
