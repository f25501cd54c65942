// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import java.util.Map;
import java.util.Optional;

/**
 * A read-only secret store. A secret is a map of keys to values; the stores here hold one value
 * per secret, returned as {@code {name: value}} as Dapr's name/value stores do. Thread-safe.
 * Failures are {@link SecretException}s whose messages never carry a secret value.
 */
public interface SecretStore {
    /** The secret called {@code name}, or empty when the store has none by that name. */
    Optional<Map<String, String>> get(String name);

    /** Every secret of the store, by name. */
    Map<String, Map<String, String>> bulk();

    /** Dapr's component type, e.g. {@code secretstores.local.file}. */
    String type();
}
