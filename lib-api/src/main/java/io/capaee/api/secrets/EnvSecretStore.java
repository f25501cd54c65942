// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Dapr's {@code secretstores.local.env}, limited to an allow-list: only the named environment
 * variables are secrets, so that the server's whole environment (paths, tokens of other tools) is
 * never exposed. An empty allow-list exposes nothing.
 */
public final class EnvSecretStore implements SecretStore {
    private final Set<String> allowed;
    private final Function<String, String> env;

    public EnvSecretStore(Set<String> allowed) {
        this(allowed, System::getenv);
    }

    /** With another environment, for tests. */
    public EnvSecretStore(Set<String> allowed, Function<String, String> env) {
        this.allowed = Set.copyOf(allowed);
        this.env = env;
    }

    @Override
    public Optional<Map<String, String>> get(String name) {
        if (!allowed.contains(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(env.apply(name)).map(v -> Map.of(name, v));
    }

    @Override
    public Map<String, Map<String, String>> bulk() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (String name : allowed) {
            get(name).ifPresent(secret -> all.put(name, secret));
        }
        return all;
    }

    @Override
    public String type() {
        return "secretstores.local.env";
    }

    @Override
    public String toString() {
        return "environment secret store of " + allowed.size() + " variable(s)";
    }
}
