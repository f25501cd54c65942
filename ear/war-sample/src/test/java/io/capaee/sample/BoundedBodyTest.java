// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
    @Test
    void aBodyUpToTheLimitIsReadWhole() {
        String text = "é".repeat(50);
        assertEquals(text, BoundedBody.text(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 100));
    }

    @Test
    void aBodyOverTheLimitIsRefusedAfterReadingOneByteMoreThanTheLimit() {
        CountingEndless endless = new CountingEndless();
        BoundedBody.TooLarge e = assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.text(endless, 1000));
        assertTrue(e.getMessage().contains("1000 bytes"), e.getMessage());
        assertEquals(1001, endless.read, "an endless body is not read past the limit");
    }

    /** A body that never ends. */
    private static final class CountingEndless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }
    }
}
