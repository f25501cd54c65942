// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capaee.api.http.Problem;
import io.capaee.api.registry.RegistryException;
import io.capaee.api.registry.RegistryException.Reason;
import org.junit.jupiter.api.Test;

class RegistryExceptionMapperTest {
    @Test
    void anUnreachableBackendIs503NamingIt() {
        String detail = "the registry's backend, jetstream bucket capa-registry on nats nats://127.0.0.1:4222, is unavailable (reading k33g/hola/1 failed: timeout)";
        Problem p = RegistryExceptionMapper.problem(new RegistryException(Reason.UNAVAILABLE, detail));
        assertEquals(503, p.status());
        assertEquals("urn:capa-ee:problem:registry-unavailable", p.type());
        assertEquals(detail, p.detail());
        assertEquals("ERROR_UNAVAILABLE", p.extensions().get("code"));
    }

    @Test
    void aStorageFailureHidesItsDetailAndTheOthersKeepTheirStatus() {
        Problem p = RegistryExceptionMapper.problem(new RegistryException(Reason.STORAGE, "disk full at /secret/path"));
        assertEquals(500, p.status());
        assertEquals("the registry could not store or read the module; see the server log", p.detail());
        assertEquals(409, RegistryExceptionMapper.problem(new RegistryException(Reason.ALREADY_EXISTS, "x")).status());
        assertEquals(422, RegistryExceptionMapper.problem(new RegistryException(Reason.NOT_WASM, "x")).status());
    }
}
