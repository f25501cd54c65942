// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Dapr's {@code secretstores.local.env}, limited to an allow-list: only the named environment
 * variables are secrets, so that the server's whole environment (paths, tokens of other tools) is
 * never exposed. An empty allow-list exposes nothing.
 */
public final class EnvSecretStore extends SingleValueSecretStore {
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
    Optional<String> value(String name) {
        return allowed.contains(name) ? Optional.ofNullable(env.apply(name)) : Optional.empty();
    }

    @Override
    Collection<String> names() {
        return allowed;
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
