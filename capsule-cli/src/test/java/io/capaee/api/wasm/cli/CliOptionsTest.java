// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliOptionsTest {
    @Test
    void flagsTakeGoSyntaxAndStopAtTheFirstPositionalArgument() {
        CliOptions options = CliOptions.parse(new String[] {"-wasm=a.wasm", "--mode", "cli", "-interpreter", "x", "-timeout=1s", "y"});

        assertEquals(Map.of("wasm", "a.wasm", "mode", "cli", "interpreter", "true"), options.flags());
        assertEquals(List.of("x", "-timeout=1s", "y"), options.positional());
    }

    @Test
    void aDoubleDashEndsTheFlags() {
        CliOptions options = CliOptions.parse(new String[] {"-wasm=a.wasm", "--", "-mode=http"});

        assertEquals(List.of("-mode=http"), options.positional());
        assertEquals("cli", options.flag("mode", "cli"));
    }

    @Test
    void aSingleDashIsAPositionalArgument() {
        assertEquals(List.of("-", "z"), CliOptions.parse(new String[] {"-", "z"}).positional());
    }

    @Test
    void repeatableFlagsCollectEveryValue() {
        CliOptions options = CliOptions.parse(new String[] {"-env=A=1", "-env", "B", "-allow-http=http://h/a,http://h/b", "-env=C="});

        assertEquals(List.of("A=1", "B", "C="), options.all("env"));
        assertEquals(List.of("http://h/a,http://h/b"), options.all("allow-http"));
        assertEquals(List.of(), options.all("nothing"));
    }

    @Test
    void anUnknownFlagIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"-nope=1"}));

        assertEquals("flag provided but not defined: -nope", e.getMessage());
    }

    @Test
    void aValueFlagAtTheEndNeedsItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(new String[] {"-wasm"}));

        assertEquals("flag needs an argument: -wasm", e.getMessage());
    }

    @Test
    void durationsReadGoStyle() {
        assertEquals(Duration.ofMillis(300), CapsuleCli.parseDuration("300ms"));
        assertEquals(Duration.ofMillis(1500), CapsuleCli.parseDuration("1.5s"));
        assertEquals(Duration.ofMinutes(2), CapsuleCli.parseDuration("2m"));
        assertEquals(Duration.ofSeconds(7), CapsuleCli.parseDuration("7"));
        assertThrows(IllegalArgumentException.class, () -> CapsuleCli.parseDuration("soon"));
    }
}
