// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.component;

import io.capaee.api.actors.EventTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;

/**
 * The components that server.xml binds as resource-adapter connection factories: a component
 * {@code NAME} of kind {@code KIND} is the JNDI name {@code eis/capa/KIND/NAME} (e.g.
 * {@code eis/capa/state/statestore}). Found factories are cached; they are thread-safe.
 */
@ApplicationScoped
public class JndiComponents {
    private static final Logger LOG = Logger.getLogger(JndiComponents.class.getName());

    private final Map<String, Object> found = new ConcurrentHashMap<>();

    /** The component, or empty when none of that kind has that name. */
    public <T> Optional<T> find(String kind, String name, Class<T> type) {
        if (!EventTarget.isName(name)) {
            return Optional.empty();
        }
        String jndiName = jndiName(kind, name);
        Object factory = found.get(jndiName);
        if (factory == null) {
            try {
                factory = new InitialContext().lookup(jndiName);
            } catch (NameNotFoundException e) {
                return Optional.empty();
            } catch (NamingException e) {
                throw new IllegalStateException("cannot look up " + jndiName + ": " + e.getMessage(), e);
            }
            found.put(jndiName, factory);
        }
        return type.isInstance(factory) ? Optional.of(type.cast(factory)) : Optional.empty();
    }

    /** The names of the components of {@code kind}, for listings; empty when JNDI cannot list them. */
    public List<String> names(String kind) {
        List<String> names = new ArrayList<>();
        try {
            NamingEnumeration<NameClassPair> list = new InitialContext().list("eis/capa/" + kind);
            while (list.hasMore()) {
                names.add(list.next().getName());
            }
        } catch (NamingException e) {
            LOG.log(Level.FINE, "no components of kind {0}: {1}", new Object[] {kind, e.getMessage()});
        }
        names.sort(null);
        return names;
    }

    /**
     * The version-1 components of {@code kind} that are a {@code type}, by name, for
     * {@code GET /v1.0/metadata}: typed {@code KIND.redis} or {@code KIND.in-memory} as {@code describe} says.
     */
    public <T> List<ComponentInfo> backendInfos(String kind, Class<T> type, Function<T, String> describe, List<String> capabilities) {
        return backendInfos(kind, type, describe, f -> capabilities);
    }

    /** As {@link #backendInfos(String, Class, Function, List)}, with capabilities that differ per component. */
    public <T> List<ComponentInfo> backendInfos(String kind, Class<T> type, Function<T, String> describe,
            Function<T, List<String>> capabilities) {
        List<ComponentInfo> result = new ArrayList<>();
        for (String name : names(kind)) {
            find(kind, name, type).ifPresent(f -> result.add(
                    new ComponentInfo(name, ComponentInfo.backendType(kind, describe.apply(f)), "v1", capabilities.apply(f))));
        }
        return result;
    }

    static String jndiName(String kind, String name) {
        return "eis/capa/" + kind + "/" + name;
    }
}
