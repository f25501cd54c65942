// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.wasm.FunctionSettings;
import com.dylibso.chicory.wasm.types.FunctionBody;
import io.capaee.testing.Guests;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.TestHost;
import io.capaee.api.wasm.WasmEngine;
import io.capaee.api.wasm.WasmFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledModuleCacheTest {
    @TempDir
    Path root;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final TestHost host = new TestHost();

    @AfterEach
    void close() {
        host.close();
        scheduler.shutdownNow();
    }

    @Test
    void aCompiledModuleIsKeptUnderTheChicoryVersionNamedByItsDigestMarkedAsFreeOfCode() throws Exception {
        compiler().compile("hello/v1", Guests.bytes("hello-http"));

        Path entry = versionDirectory().resolve("sha256codefree-" + sha256Hex(Guests.bytes("hello-http")) + ".jar");
        assertTrue(Files.isRegularFile(entry), "kept at " + entry + "; there: " + files(versionDirectory()));
        assertTrue(Files.size(entry) > 1000, "a jar of the module's classes");
    }

    @Test
    void anEngineStartedAgainLoadsTheKeptModuleAndItAnswers() throws Exception {
        answers(engine());
        Path entry = onlyEntry();
        FileTime written = FileTime.fromMillis(1_000);
        Files.setLastModifiedTime(entry, written);
        byte[] kept = Files.readAllBytes(entry);

        answers(engine());

        assertArrayEquals(kept, Files.readAllBytes(onlyEntry()), "loaded, not written again");
        assertTrue(Files.getLastModifiedTime(entry).compareTo(written) > 0, "a load counts as a use");
    }

    @Test
    void aDamagedEntryIsCompiledAgainNotLeftToTheInterpreter() throws Exception {
        compiler().compile("hello/v1", Guests.bytes("hello-http"));
        Path entry = onlyEntry();
        Files.write(entry, "not a jar".getBytes());

        CompiledModule again = compiler().compile("hello/v1", Guests.bytes("hello-http"));

        assertTrue(again.compiled(), "translated again, not run in the interpreter");
        assertTrue(Files.size(onlyEntry()) > 1000, "the damaged entry was replaced");
    }

    @Test
    void aModuleWhoseEveryFunctionCompiledKeepsNoParsedCodeAndStillAnswers() throws Exception {
        CompiledModule module = compiler().compile("hello/v1", Guests.bytes("hello-http"));

        assertTrue(module.compiled());
        for (FunctionBody body : module.module().codeSection().functionBodies()) {
            assertTrue(body.instructions().isEmpty(), "compiled code never reads the parsed instructions");
        }
        answers(engine());
        answers(engine()); // loaded from the cache entry
    }

    @Test
    void aFunctionTooLargeForOneJvmMethodKeepsTheModulesCodeForTheInterpreterAfterARestartToo() throws Exception {
        byte[] large = LargeFunctionModule.from(Guests.bytes("hello-cli"));

        for (int start = 0; start < 2; start++) {
            CompiledModule module = compiler().compile("large/v1", large);
            assertTrue(module.compiled(), "the other functions are compiled");
            for (FunctionBody body : module.module().codeSection().functionBodies()) {
                assertFalse(body.instructions().isEmpty(), "the interpreter runs the large function from its instructions");
            }
            try (WasmEngine engine = engine(); WasmFunction function = engine.load("large", large, FunctionSettings.defaults())) {
                assertEquals("Hello a,b", function.callCli(List.of("a", "b")).raw());
            }
        }
        assertEquals(List.of("sha256-" + sha256Hex(large) + ".jar"), files(versionDirectory()).stream().map(p -> p.getFileName().toString()).toList(),
                "kept under the key of a module with interpreted functions only");
    }

    @Test
    void tempFilesThatAKilledServerLeftAreRemovedWhenTheCacheOpens() throws Exception {
        Files.createDirectories(versionDirectory());
        Path temp = Files.writeString(versionDirectory().resolve(".writing-123.tmp"), "half");

        CompiledModuleCache.open(root, 1 << 20).orElseThrow();

        assertFalse(Files.exists(temp));
    }

    @Test
    void beyondItsLimitTheLeastRecentlyUsedEntriesGo() throws Exception {
        CompiledModuleCache cache = CompiledModuleCache.open(root, 25).orElseThrow();
        cache.putIfAbsent(key("old"), new byte[10]);
        Files.setLastModifiedTime(cache.entry(key("old")), FileTime.fromMillis(1_000));
        cache.putIfAbsent(key("used"), new byte[10]);
        Files.setLastModifiedTime(cache.entry(key("used")), FileTime.fromMillis(2_000));
        cache.get(key("used"));

        cache.putIfAbsent(key("new"), new byte[10]);

        assertNull(cache.get(key("old")));
        assertEquals(10, cache.get(key("used")).length);
        assertEquals(10, cache.get(key("new")).length);
    }

    @Test
    void aSecondWriteOfTheSameModuleKeepsTheFirst() throws Exception {
        CompiledModuleCache cache = CompiledModuleCache.open(root, 1 << 20).orElseThrow();
        cache.putIfAbsent(key("m"), new byte[] {1});

        cache.putIfAbsent(key("m"), new byte[] {2});

        assertArrayEquals(new byte[] {1}, cache.get(key("m")));
    }

    private ModuleCompiler compiler() {
        return new ModuleCompiler(true, CapsuleHostFunctions.signatures(), CompiledModuleCache.open(root, 1 << 26));
    }

    private WasmEngine engine() {
        return new WasmEngine(host.services(), scheduler, true, Optional.of(root), 1 << 26);
    }

    private void answers(WasmEngine engine) {
        try (WasmFunction function = engine.load("hello", Guests.bytes("hello-http"), FunctionSettings.defaults())) {
            assertEquals("Hello Bob", function.callHttp(new HttpInvocation("POST", "/", Map.of("Content-Type", "text/plain"), "Bob")).body());
        }
    }

    private Path versionDirectory() {
        return root.resolve("chicory-" + CompiledModuleCache.chicoryVersion().orElseThrow());
    }

    private Path onlyEntry() throws IOException {
        List<Path> entries = files(versionDirectory());
        assertEquals(1, entries.size(), "entries: " + entries);
        return entries.get(0);
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static String key(String name) throws Exception {
        return "sha-256:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(name.getBytes()));
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
