// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import io.capaee.testing.GeneratedModules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is the file store's own: Capsule's layout on disk, and nothing left in its staging and trash
 * directories. The behaviour every backend shares is {@code jca-bindings}' {@code ModuleStoreContractTest}.
 */
class FileModuleStoreTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
    static final long LIMIT = 1 << 20;

    @TempDir
    Path root;

    FileModuleStore store() {
        return new FileModuleStore(root, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static byte[] guest(String name) throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("capa.guests.dir"), name + ".wasm"));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static ModuleCoordinates hola() {
        return new ModuleCoordinates("k33g", "hola", "0.0.0");
    }


    static InputStream generated(long size) {
        return GeneratedModules.generated(size, (byte) 0);
    }

    @Test
    void anUploadIsStoredInCapsulesLayoutWithItsDigest() throws Exception {
        byte[] wasm = guest("hello-cli");
        ModuleRecord record = store().put(hola(), new ByteArrayInputStream(wasm), "hi", false, LIMIT);
        assertEquals(new ModuleRecord(hola(), sha256(wasm), wasm.length, "hi", NOW), record);
        Path tag = root.resolve("k33g/hola/0.0.0");
        assertArrayEquals(wasm, Files.readAllBytes(tag.resolve("hola.wasm")));
        assertEquals("hi\n", Files.readString(tag.resolve("hola.info")));
        assertTrue(Files.readString(tag.resolve(FileModuleStore.META)).contains("sha256=" + sha256(wasm)));
        assertEquals(Optional.of(record), store().find(hola()), "a second store on the same root sees it");
        try (InputStream in = store().open(hola())) {
            assertArrayEquals(wasm, in.readAllBytes());
        }
    }

    @Test
    void tagsAreImmutableUnlessReplaced() throws Exception {
        FileModuleStore store = store();
        byte[] first = guest("hello-cli");
        byte[] second = guest("hello-http");
        store.put(hola(), new ByteArrayInputStream(first), "one", false, LIMIT);
        RegistryException e = assertThrows(RegistryException.class,
                () -> store.put(hola(), new ByteArrayInputStream(second), "two", false, LIMIT));
        assertEquals(RegistryException.Reason.ALREADY_EXISTS, e.reason());
        assertEquals(sha256(first), store.find(hola()).orElseThrow().sha256());

        ModuleRecord replaced = store.put(hola(), new ByteArrayInputStream(second), "two", true, LIMIT);
        assertEquals(sha256(second), replaced.sha256());
        assertEquals(Optional.of(replaced), store.find(hola()));
        assertArrayEquals(second, Files.readAllBytes(root.resolve("k33g/hola/0.0.0/hola.wasm")));
        assertEquals("two\n", Files.readString(root.resolve("k33g/hola/0.0.0/hola.info")));
        assertNothingLeftBehind();
    }

    @Test
    void bytesThatAreNotWasmAreRefusedAndNothingIsWritten() {
        RegistryException e = assertThrows(RegistryException.class, () -> store().put(hola(),
                new ByteArrayInputStream("<html>not wasm</html>".getBytes(StandardCharsets.UTF_8)), "", false, LIMIT));
        assertEquals(RegistryException.Reason.NOT_WASM, e.reason());
        assertFalse(Files.exists(root.resolve("k33g/hola/0.0.0")));
        assertNothingLeftBehind();
    }

    @Test
    void aHundredMegabyteModuleIsStreamedThrough() throws Exception {
        long size = 100L << 20;
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = generated(size)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                expected.update(buffer, 0, n);
            }
        }
        ModuleRecord record = store().put(hola(), generated(size), "big", false, size);
        assertEquals(size, record.size());
        assertEquals(HexFormat.of().formatHex(expected.digest()), record.sha256());
        assertEquals(size, Files.size(root.resolve("k33g/hola/0.0.0/hola.wasm")));
    }

    @Test
    void pathTraversalAndOddCharactersAreRefusedBeforeTheStore() {
        for (String[] bad : new String[][] {{"..", "hola", "0"}, {"k33g", "..", "0"}, {"k33g", "hola", ".."},
                {"k33g", "a/b", "0"}, {"k33g", "hola", "%2e%2e"}, {".hidden", "x", "0"}, {"", "x", "0"}, {"k33g", "x y", "0"},
                {"k33g", "x\\y", "0"}, {"k33g", "h\u00e9", "0"}}) {
            RegistryException e = assertThrows(RegistryException.class, () -> new ModuleCoordinates(bad[0], bad[1], bad[2]),
                    String.join("/", bad));
            assertEquals(RegistryException.Reason.BAD_NAME, e.reason());
        }
        assertEquals(List.of(), store().list(Optional.of(".."), Optional.empty()));
        assertEquals(List.of(), store().list(Optional.of("../.."), Optional.of("..")));
    }

    @Test
    void aDirectoryWithoutMetadataIsNotListed() throws Exception {
        FileModuleStore store = store();
        byte[] wasm = guest("hello-cli");
        for (String c : new String[] {"b/x/1", "a/y/2", "a/x/2", "a/x/1"}) {
            store.put(ModuleCoordinates.parse(c), new ByteArrayInputStream(wasm), c, false, LIMIT);
        }
        Files.createDirectories(root.resolve("a/x/not-committed")); // a directory without metadata is not a module
        assertEquals(List.of("a/x/1", "a/x/2", "a/y/2", "b/x/1"), names(store.list(Optional.empty(), Optional.empty())));
    }

    private static List<String> names(List<ModuleRecord> records) {
        return records.stream().map(r -> r.coordinates().toString()).toList();
    }

    private void assertNothingLeftBehind() {
        for (String hidden : new String[] {".staging", ".trash"}) {
            try (Stream<Path> left = Files.list(root.resolve(hidden))) {
                assertEquals(List.of(), left.toList(), hidden);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
