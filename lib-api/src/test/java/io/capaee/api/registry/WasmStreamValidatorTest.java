// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WasmStreamValidatorTest {
    static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    static byte[] module(byte[]... sections) {
        int size = HEADER.length;
        for (byte[] s : sections) {
            size += s.length;
        }
        byte[] out = Arrays.copyOf(HEADER, size);
        int at = HEADER.length;
        for (byte[] s : sections) {
            System.arraycopy(s, 0, out, at, s.length);
            at += s.length;
        }
        return out;
    }

    static byte[] section(int id, int... content) {
        byte[] out = new byte[2 + content.length];
        out[0] = (byte) id;
        out[1] = (byte) content.length;
        for (int i = 0; i < content.length; i++) {
            out[2 + i] = (byte) content[i];
        }
        return out;
    }

    static void validate(byte[] bytes) throws Exception {
        WasmStreamValidator.validate(new ByteArrayInputStream(bytes));
    }

    static String refusal(byte[] bytes) {
        RegistryException e = assertThrows(RegistryException.class, () -> validate(bytes));
        assertEquals(RegistryException.Reason.NOT_WASM, e.reason());
        return e.getMessage();
    }

    @Test
    void realGuestsAreAccepted() throws Exception {
        for (String guest : new String[] {"hello-cli", "hello-http", "hello-http-v9", "compute"}) {
            Path file = Path.of(System.getProperty("capa.guests.dir"), guest + ".wasm");
            try (var in = Files.newInputStream(file)) {
                assertDoesNotThrow(() -> WasmStreamValidator.validate(in), guest);
            }
        }
    }

    @Test
    void theEmptyModuleAndCustomSectionsAnywhereAreAccepted() throws Exception {
        validate(HEADER);
        validate(module(section(0, 1, 'x', 9, 9), section(1, 0), section(0, 1, 'y'), section(3, 0), section(10, 0), section(0, 0)));
    }

    @Test
    void textIsRefused() {
        assertTrue(refusal("hello world, not wasm".getBytes(StandardCharsets.UTF_8)).contains("magic"));
        assertTrue(refusal(new byte[0]).contains("magic"));
    }

    @Test
    void anotherVersionIsRefused() {
        byte[] v2 = HEADER.clone();
        v2[4] = 2;
        assertTrue(refusal(v2).contains("version"));
    }

    @Test
    void aTruncatedSectionIsRefused() {
        byte[] whole = module(section(1, 1, 2, 3, 4));
        assertTrue(refusal(Arrays.copyOf(whole, whole.length - 1)).contains("unexpected end"));
    }

    @Test
    void trailingGarbageIsRefused() {
        assertTrue(refusal(module(section(1, 0), new byte[] {(byte) 0x7f})).contains("unknown section id 127"));
        assertTrue(refusal(module(section(1, 0), new byte[] {0x01})).contains("unexpected end in section size"));
    }

    @Test
    void sectionsOutOfOrderOrRepeatedAreRefused() {
        assertTrue(refusal(module(section(10, 0), section(1, 0))).contains("out of order"));
        assertTrue(refusal(module(section(1, 0), section(1, 0))).contains("out of order"));
    }

    @Test
    void theDataCountAndTagSectionsHaveTheirOwnPlaces() throws Exception {
        validate(module(section(5, 0), section(13, 0), section(6, 0), section(9, 0), section(12, 0), section(10, 0), section(11, 0)));
        assertTrue(refusal(module(section(10, 0), section(12, 0))).contains("out of order"));
    }

    @Test
    void overlongOrHugeSizesAreRefused() {
        assertTrue(refusal(module(new byte[] {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0})).contains("over-long"));
        assertTrue(refusal(module(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f})).contains("32 bits"));
    }

    @Test
    void aCustomSectionWhoseNameOverrunsItIsRefused() {
        assertTrue(refusal(module(section(0, 5, 'a'))).contains("name longer"));
        assertTrue(refusal(module(section(0, 2, 0xff, 0xfe))).contains("UTF-8"));
    }

    @Test
    void bytesFedOneAtATimeGetTheSameAnswers() throws Exception {
        byte[] guest = Files.readAllBytes(Path.of(System.getProperty("capa.guests.dir"), "hello-http.wasm"));
        byte[][] cases = {guest, Arrays.copyOf(guest, guest.length - 3), HEADER, Arrays.copyOf(HEADER, 6), new byte[0],
            module(section(0, 5, 'a')), module(section(0, 2, 0xff, 0xfe)), module(section(10, 0), section(1, 0)),
            module(new byte[] {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0}), module(section(1, 0), new byte[] {0x01})};
        for (byte[] bytes : cases) {
            String whole = answer(() -> validate(bytes));
            String oneByOne = answer(() -> {
                WasmStreamValidator validator = new WasmStreamValidator();
                for (int i = 0; i < bytes.length; i++) {
                    validator.accept(bytes, i, 1);
                }
                validator.finish();
            });
            assertEquals(whole, oneByOne, "a module of " + bytes.length + " bytes");
        }
        assertEquals("ok", answer(() -> validate(guest)));
    }

    private interface Check {
        void run() throws Exception;
    }

    private static String answer(Check check) throws Exception {
        try {
            check.run();
            return "ok";
        } catch (RegistryException e) {
            return e.getMessage();
        }
    }
}
