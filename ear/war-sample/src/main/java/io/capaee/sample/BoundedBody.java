// SPDX-License-Identifier: Apache-2.0
package io.capaee.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body of at most {@link #MAX_BYTES}: the sample's resources take small JSON or text,
 * and a {@code String} parameter would read whatever the client sends into the heap first.
 */
final class BoundedBody {
    /** Far above any order or message the sample handles. */
    static final int MAX_BYTES = 64 * 1024;

    private BoundedBody() {}

    /** The body as UTF-8 text; reading stops at the limit and a longer one is refused. */
    static String text(InputStream body, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (body) {
            int n;
            while ((n = body.read(buffer, 0, Math.min(buffer.length, max + 1 - out.size()))) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw new TooLarge(max);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A body over the limit; {@link BodyTooLargeMapper} answers it with 413 problem+json. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(int max) {
            super("the body is longer than the sample's " + max + " bytes");
        }
    }
}
