// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import io.capaee.api.files.DigestingInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An upload on its way into a {@link ModuleStore}: whoever reads it (the file store copying it to
 * disk, jnats' object store cutting it into chunks) gets the client's bytes while they are counted
 * against the limit, hashed and checked to be WebAssembly ({@link WasmStreamValidator}), in one pass
 * and without holding the module. Every refusal (too large, not WebAssembly, the client's own
 * failure) reaches the reader as an {@link IOException}, so that a library that cleans up after a
 * failed read (jnats purges the chunks it wrote) does so; {@link #refusal} gives back what it was.
 * {@link #close()} does not close the client's stream.
 */
public final class ModuleUpload extends InputStream {
    private final DigestingInput in;
    private final WasmStreamValidator validator = new WasmStreamValidator();
    private boolean ended;

    public ModuleUpload(InputStream wasm, long maxBytes) {
        this.in = new DigestingInput(Objects.requireNonNull(wasm, "wasm"), null, maxBytes);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            if (n < 0) {
                if (!ended) {
                    ended = true;
                    validator.finish();
                }
            } else {
                validator.accept(b, off, n);
            }
            return n;
        } catch (DigestingInput.SizeLimitException e) {
            throw new Refused(new RegistryException(RegistryException.Reason.TOO_LARGE, "the module is " + e.getMessage()));
        } catch (RegistryException e) {
            throw new Refused(e);
        }
    }

    /** True once the whole module was read and found to be WebAssembly. */
    public boolean complete() {
        return ended;
    }

    /** Bytes read. */
    public long size() {
        return in.count();
    }

    /** The module's SHA-256 in lower-case hex; once, after the end. */
    public String sha256Hex() {
        return in.sha256Hex();
    }

    @Override
    public void close() {
        // the client's stream belongs to the caller
    }

    /** The refusal that {@code e} carries, or empty when it is a failure of whatever the upload was copied to. */
    public static java.util.Optional<RegistryException> refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused r) {
                return java.util.Optional.of(r.refusal);
            }
        }
        return java.util.Optional.empty();
    }

    /** A refusal of the upload, as the reader's IOException. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final RegistryException refusal;

        Refused(RegistryException refusal) {
            super(refusal.getMessage(), refusal);
            this.refusal = refusal;
        }
    }
}
