// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.wasm.capsule.GuestError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Capsule's CLI contract (spec 1.6, 3.2 and the vectors of 11) with the hello-cli guest. */
class CliConformanceTest {
    private TestHost host;

    @BeforeEach
    void startHost() {
        host = new TestHost();
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    @OnBothEngines
    void argumentsAreJoinedWithTheDegreeSignAndGreetedCommaSeparated(EngineKind kind) {
        CliResult result = host.load(kind, "hello-cli").callCli(List.of("a", "b c"));

        assertEquals("Hello a,b c", result.raw());
        assertEquals(Optional.empty(), result.error());
        assertEquals("Hello a,b c", result.display());
    }

    @OnBothEngines
    void noArgumentsReachTheHandlerAsOneEmptyArgument(EngineKind kind) {
        CliResult result = host.load(kind, "hello-cli").callCli(List.of());

        assertEquals("Hello ", result.raw());
        assertEquals(List.of("hello-cli: args: 1"), host.log());
    }

    @OnBothEngines
    void anArgumentContainingTheSeparatorIsSplitInTwo(EngineKind kind) {
        WasmFunction function = host.load(kind, "hello-cli");

        assertEquals("Hello x,y", function.callCli(List.of("x\u00b0y")).raw());
        assertEquals(List.of("hello-cli: args: 2"), host.log());
    }

    @OnBothEngines
    void nonAsciiArgumentsRoundTripAsUtf8(EngineKind kind) {
        CliResult result = host.load(kind, "hello-cli").callCli(List.of("\uD83D\uDC4B hello world \uD83C\uDF0D\uD83C\uDF83", "1234", "Bob Morane"));

        assertEquals("Hello \uD83D\uDC4B hello world \uD83C\uDF0D\uD83C\uDF83,1234,Bob Morane", result.raw());
    }

    @OnBothEngines
    void aHandlerErrorComesBackAsADecodedErrorNotAnException(EngineKind kind) {
        CliResult result = host.load(kind, "hello-cli").callCli(List.of("fail"));

        assertEquals("[ERR][0]:boom", result.raw());
        assertEquals(Optional.of(GuestError.of("boom")), result.error());
        assertEquals("boom", result.display());
    }

    @OnBothEngines
    void anEmptyResultIsTheLiteralEmpty(EngineKind kind) {
        CliResult result = host.load(kind, "hello-cli").callCli(List.of("empty"));

        assertEquals("empty", result.raw());
        assertFalse(result.error().isPresent());
    }

    @OnBothEngines
    void logLinesReachTheGuestLogWithTheFunctionName(EngineKind kind) {
        WasmFunction function = host.load(kind, "hello-cli");

        function.callCli(List.of("a", "b"));
        function.callCli(List.of("fail"));

        assertEquals(List.of("hello-cli: args: 2", "hello-cli: args: 1"), host.log());
    }

    @OnBothEngines
    void infoDescribesACliModuleOfTheFirstGeneration(EngineKind kind) {
        FunctionInfo info = host.load(kind, "hello-cli").info();

        assertEquals("hello-cli", info.name());
        assertEquals(AbiGeneration.V0_1_3, info.generation());
        assertTrue(info.cli());
        assertEquals(kind.useCompiler(), info.compiled());
    }
}
