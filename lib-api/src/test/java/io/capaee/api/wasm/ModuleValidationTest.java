// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.testing.Guests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.wasm.WasmFunctionException.Reason;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What {@link WasmEngine#load} accepts and refuses, and what it reports about a module. */
class ModuleValidationTest {
    private static final byte[] EMPTY_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private TestHost host;

    @BeforeEach
    void startHost() {
        host = new TestHost();
    }

    @AfterEach
    void stopHost() {
        host.close();
    }

    private WasmFunctionException refused(EngineKind kind, byte[] bytes, FunctionSettings settings) {
        return assertThrows(WasmFunctionException.class, () -> host.track(host.engine(kind).load("bad", bytes, settings)));
    }

    private WasmFunctionException refused(EngineKind kind, String guest) {
        return refused(kind, Guests.bytes(guest), FunctionSettings.defaults());
    }

    @OnBothEngines
    void invalidWasmIsAnInvalidModule(EngineKind kind) {
        WasmFunctionException e = refused(kind, "invalid");

        assertEquals(Reason.INVALID_MODULE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
    }

    @OnBothEngines
    void emptyAndRandomBytesAreInvalidModules(EngineKind kind) {
        byte[] random = new byte[1024];
        new Random(20220811).nextBytes(random);

        for (byte[] bytes : List.of(new byte[0], random, "not wasm at all".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals(Reason.INVALID_MODULE, refused(kind, bytes, FunctionSettings.defaults()).reason());
        }
    }

    @OnBothEngines
    void aValidModuleWithoutTheCapsuleExportsIsMissingAnExport(EngineKind kind) {
        assertEquals(Reason.MISSING_EXPORT, refused(kind, EMPTY_MODULE, FunctionSettings.defaults()).reason());
    }

    @OnBothEngines
    void aModuleWithoutHandlerExportsIsMissingAnExport(EngineKind kind) {
        WasmFunctionException e = refused(kind, "no-handle");

        assertEquals(Reason.MISSING_EXPORT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("callHandle"), e.getMessage());
    }

    @OnBothEngines
    void anImportNoHostProvidesFailsInstantiationNamingIt(EngineKind kind) {
        WasmFunctionException e = refused(kind, "missing-import");

        assertEquals(Reason.INSTANTIATION, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("hostFunctionName"), e.getMessage());
    }

    @OnBothEngines
    void aTrapInStartFailsInstantiationAtLoadTime(EngineKind kind) {
        WasmFunctionException e = refused(kind, "start-trap");

        assertEquals(Reason.INSTANTIATION, e.reason(), e.getMessage());
    }

    @OnBothEngines
    void initialMemoryAboveTheLimitIsAMemoryLimitFailure(EngineKind kind) {
        WasmFunctionException e = refused(kind, Guests.bytes("hello-cli"), FunctionSettings.defaults().withMaxMemoryPages(1));

        assertEquals(Reason.MEMORY_LIMIT, e.reason(), e.getMessage());
    }

    @OnBothEngines
    void initialMemoryExactlyAtTheLimitLoads(EngineKind kind) {
        WasmFunction function = host.track(host.engine(kind).load("tight", Guests.bytes("hello-cli"), FunctionSettings.defaults().withMaxMemoryPages(2)));

        assertEquals("Hello a", function.callCli(List.of("a")).raw());
    }

    @OnBothEngines
    void infoReportsGenerationHandlersDigestAndSize(EngineKind kind) throws Exception {
        byte[] v3 = Guests.bytes("hello-http");
        byte[] v9 = Guests.bytes("hello-http-v9");
        WasmEngine engine = host.engine(kind);

        FunctionInfo info3 = host.track(engine.load("hello-http", v3, FunctionSettings.defaults())).info();
        FunctionInfo info9 = host.track(engine.load("hello-http-v9/2", v9, FunctionSettings.defaults())).info();

        assertEquals(new FunctionInfo("hello-http", sha256(v3), v3.length, AbiGeneration.V0_1_3, true, true, kind.useCompiler()), info3);
        assertEquals(new FunctionInfo("hello-http-v9/2", sha256(v9), v9.length, AbiGeneration.V0_1_9, true, true, kind.useCompiler()), info9);
    }

    @OnBothEngines
    void aModuleWithoutAnyImportsLoadsAndRuns(EngineKind kind) {
        WasmFunction compute = host.load(kind, "compute");

        assertEquals("55", compute.callCli(List.of("fib", "10")).raw());
        assertEquals("25", compute.callCli(List.of("sieve", "100")).raw());
        assertFalse(compute.callCli(List.of("sieve", "10")).error().isPresent());
        // the FNV-1a hash of the 96 KB document (the round trip is exact, else -1), and the CRC-32
        // of the first 10 bytes of the sequence: both computed independently with Python
        assertEquals("973420787", compute.callCli(List.of("json", "700")).raw());
        assertEquals("1235062028", compute.callCli(List.of("checksum", "10")).raw());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
