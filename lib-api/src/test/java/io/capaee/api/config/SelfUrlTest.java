// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelfUrlTest {
    @Test
    void aConfiguredUrlIsTakenAsItIsWithoutSurroundingSpace() {
        assertEquals("https://capa-1.example:9443", SelfUrl.of(Optional.of(" https://capa-1.example:9443 "), "9080"));
    }

    @Test
    void anEmptyOrBlankOneIsThisMachinesHttpPort() {
        assertEquals("http://localhost:9080", SelfUrl.of(Optional.empty(), "9080"));
        assertEquals("http://localhost:9181", SelfUrl.of(Optional.of("  "), " 9181"));
    }
}
