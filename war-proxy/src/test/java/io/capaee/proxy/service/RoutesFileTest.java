// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesFileTest {
    @Test
    void capsulesConfigYamlIsRead() {
        String yaml = """
                functions:
                  hello:
                    default:
                      - http://localhost:9091
                      - http://localhost:7071
                  hola:
                    default: [http://localhost:9093]
                    orange:  [http://localhost:6061]
                filters:
                  check-filter:
                    file: ./check.wasm
                """;
        assertEquals(Map.of("hello", Map.of("default", List.of("http://localhost:9091", "http://localhost:7071")),
                "hola", Map.of("default", List.of("http://localhost:9093"), "orange", List.of("http://localhost:6061"))),
                RoutesFile.parse(yaml));
    }

    @Test
    void theReadmesFlatExampleIsRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoutesFile.parse("hello:\n  - http://localhost:9091\n"));
        assertTrue(e.getMessage().contains("no 'functions' key"), e.getMessage());
    }

    @Test
    void nonStringUrlsAndBrokenYamlAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RoutesFile.parse("functions:\n  f:\n    default: [42]\n"));
        assertThrows(IllegalArgumentException.class, () -> RoutesFile.parse("functions: [\n"));
        assertEquals(Map.of(), RoutesFile.parse(""));
    }
}
