// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A store that holds one value per secret and returns the secret {@code name} as
 * {@code {name: value}}, as Dapr's name/value stores do; its subclasses only say where the values
 * come from.
 */
abstract class SingleValueSecretStore implements SecretStore {

    /** The value of the secret {@code name}, if the store has it. */
    abstract Optional<String> value(String name);

    /** The names of the secrets the store has (or may have: {@link #values()} looks each up). */
    abstract Collection<String> names();

    /** Every secret's value, by name. */
    Map<String, String> values() {
        Map<String, String> all = new HashMap<>();
        for (String name : names()) {
            value(name).ifPresent(v -> all.put(name, v));
        }
        return all;
    }

    @Override
    public final Optional<Map<String, String>> get(String name) {
        return value(name).map(v -> Map.of(name, v));
    }

    @Override
    public final Map<String, Map<String, String>> bulk() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        values().forEach((name, value) -> all.put(name, Map.of(name, value)));
        return all;
    }
}
