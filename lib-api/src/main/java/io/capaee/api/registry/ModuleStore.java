// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The wasm module registry's storage. Implementations are thread-safe, stream module bytes
 * (heap use does not grow with module size), and never expose a half-written module: a module
 * becomes visible only once it is complete, validated and its digest known. Every failure is a
 * {@link RegistryException}; a backend that cannot be reached is UNAVAILABLE, naming the backend.
 */
public interface ModuleStore {
    /**
     * Stores a module read from {@code wasm} ({@link ModuleUpload}: limit, digest, validation),
     * with the info text asked for once the module has been read to its end and validated: a
     * multipart upload may send the {@code info} field after the {@code file} part, and the file
     * part is streamed. A {@link RegistryException} from {@code info} refuses the upload.
     *
     * @param replace whether an existing tag may be overwritten (tags are immutable otherwise)
     * @param maxBytes the largest module accepted
     * @throws RegistryException ALREADY_EXISTS, TOO_LARGE, NOT_WASM, STORAGE or UNAVAILABLE; nothing is stored then
     */
    ModuleRecord put(ModuleCoordinates coordinates, InputStream wasm, Supplier<String> info, boolean replace, long maxBytes);

    /** As {@link #put(ModuleCoordinates, InputStream, Supplier, boolean, long)} with the info known up front. */
    default ModuleRecord put(ModuleCoordinates coordinates, InputStream wasm, String info, boolean replace, long maxBytes) {
        return put(coordinates, wasm, () -> info, replace, maxBytes);
    }

    Optional<ModuleRecord> find(ModuleCoordinates coordinates);

    /** The module's bytes; the caller closes the stream. @throws RegistryException NOT_FOUND */
    InputStream open(ModuleCoordinates coordinates);

    /** Stored modules, optionally only of one org and/or name, ordered by org, name, tag. */
    List<ModuleRecord> list(Optional<String> org, Optional<String> name);

    /** Removes a tag; true when it existed. */
    boolean delete(ModuleCoordinates coordinates);
}
