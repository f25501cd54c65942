// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reads an upload once and, while it is read, counts its bytes against a limit, computes its
 * SHA-256 and (when given an output) copies it there: the one way uploads are taken in, by the
 * file stores and the module registry alike. Past the limit it throws {@link SizeLimitException},
 * an {@link IOException} so that a library that cleans up after a failed read (jnats' object
 * store purges the chunks it wrote) does so. {@link #close()} does not close the source: whoever
 * opened it closes it.
 */
public final class DigestingInput extends InputStream {
    private static final int MAX_READ = 64 * 1024;

    private final InputStream in;
    private final OutputStream copy;
    private final MessageDigest sha256 = sha256();
    private final long max;
    private long count;

    /** @param copy where every byte read also goes, or null */
    public DigestingInput(InputStream in, OutputStream copy, long max) {
        this.in = Objects.requireNonNull(in, "in");
        this.copy = copy;
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, MAX_READ));
        if (n > 0) {
            count += n;
            if (count > max) {
                throw new SizeLimitException(max);
            }
            sha256.update(b, off, n);
            if (copy != null) {
                copy.write(b, off, n);
            }
        }
        return n;
    }

    @Override
    public void close() {
        // the source belongs to the caller
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of what was read, in lower-case hex; call once, at the end. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** An upload went past its limit; nothing of it is kept. */
    public static final class SizeLimitException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        public SizeLimitException(long limit) {
            super("larger than the limit of " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
