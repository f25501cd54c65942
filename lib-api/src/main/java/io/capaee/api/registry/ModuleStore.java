// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.registry;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The wasm module registry's storage. Implementations are thread-safe, stream module bytes
 * (heap use does not grow with module size), and never expose a half-written module: a module
 * becomes visible only once it is complete, validated and its digest known.
 */
public interface ModuleStore {
    /**
     * Stores a module read from {@code wasm}, validating that it is WebAssembly.
     *
     * @param replace whether an existing tag may be overwritten (tags are immutable otherwise)
     * @param maxBytes the largest module accepted
     * @throws RegistryException ALREADY_EXISTS, TOO_LARGE, NOT_WASM or STORAGE; nothing is stored then
     */
    ModuleRecord put(ModuleCoordinates coordinates, InputStream wasm, String info, boolean replace, long maxBytes);

    Optional<ModuleRecord> find(ModuleCoordinates coordinates);

    /** The module's bytes; the caller closes the stream. @throws RegistryException NOT_FOUND */
    InputStream open(ModuleCoordinates coordinates);

    /** Stored modules, optionally only of one org and/or name, ordered by org, name, tag. */
    List<ModuleRecord> list(Optional<String> org, Optional<String> name);

    /** Removes a tag; true when it existed. */
    boolean delete(ModuleCoordinates coordinates);
}
