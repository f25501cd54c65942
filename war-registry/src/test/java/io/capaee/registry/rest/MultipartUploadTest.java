// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.api.registry.FileModuleStore;
import io.capaee.api.registry.ModuleCoordinates;
import io.capaee.api.registry.RegistryException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartUploadTest {
    static final String TYPE = "multipart/form-data; boundary=b0undary";
    static final byte[] WASM = {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 2, 1, 'x'};
    static final ModuleCoordinates HOLA = new ModuleCoordinates("k33g", "hola", "0.0.0");

    @TempDir
    Path root;

    static byte[] form(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            out.writeBytes(("--b0undary\r\n" + part + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("--b0undary--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static String file(byte[] bytes) {
        return "Content-Disposition: form-data; name=\"file\"; filename=\"hola.wasm\"\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String info(String text) {
        return "Content-Disposition: form-data; name=\"info\"\r\n\r\n" + text;
    }

    MultipartUpload.Result store(byte[] body) {
        return MultipartUpload.store(new FileModuleStore(root), HOLA, false, 1 << 20, TYPE, new ByteArrayInputStream(body));
    }

    @Test
    void theInfoFieldIsReadBeforeOrAfterTheFile() throws Exception {
        assertEquals("after", store(form(file(WASM), info("after"))).record().info());
        new FileModuleStore(root).delete(HOLA);
        MultipartUpload.Result before = store(form(info("before"), file(WASM)));
        assertEquals("before", before.record().info());
        assertEquals("hola.wasm", before.fileName());
        assertEquals("before\n", Files.readString(root.resolve("k33g/hola/0.0.0/hola.info")));
    }

    @Test
    void aMissingFilePartIsRefused() {
        RegistryException e = assertThrows(RegistryException.class, () -> store(form(info("only"))));
        assertEquals(RegistryException.Reason.MISSING_PART, e.reason());
    }

    @Test
    void aBodyThatIsNotMultipartIsRefused() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> MultipartUpload.store(new FileModuleStore(root), HOLA, false, 1 << 20, "application/wasm", new ByteArrayInputStream(WASM)));
        assertEquals(RegistryException.Reason.MISSING_PART, e.reason());
    }

    @Test
    void anUploadCutShortIsTheClientsFaultAndStoresNothing() {
        byte[] whole = form(file(WASM), info("x"));
        InputStream cut = new ByteArrayInputStream(whole, 0, 80);
        RegistryException e = assertThrows(RegistryException.class, () -> MultipartUpload.store(new FileModuleStore(root), HOLA, false,
                1 << 20, TYPE, new SequenceInputStream(cut, InputStream.nullInputStream())));
        assertEquals(RegistryException.Reason.MISSING_PART, e.reason());
        assertFalse(Files.exists(root.resolve("k33g/hola/0.0.0")));
    }

    @Test
    void anOversizedInfoFieldIsRefusedAfterTheFileAndStoresNothing() {
        RegistryException e = assertThrows(RegistryException.class, () -> store(form(file(WASM), info("i".repeat(70_000)))));
        assertEquals(RegistryException.Reason.TOO_LARGE, e.reason());
        assertFalse(Files.exists(root.resolve("k33g/hola/0.0.0")));
    }
}
