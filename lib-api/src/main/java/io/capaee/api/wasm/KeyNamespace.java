// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The part of the key/value store a guest's {@code hostRedisSet/Get/Keys} reach. The store also
 * holds the server's control data (proxy routes, actor state, the app registry), so a guest key is
 * always stored under a prefix of its own, {@code capa:fn:<function>:} or, for Capsule apps that
 * share keys between functions, {@code capa:guest:}. Neither prefix contains a glob character, so
 * a guest pattern appended to it can only match keys inside it, whatever the guest writes. A
 * host whose store already belongs to the guest alone (a wasm actor's own state) uses
 * {@link #ownStore()}, the empty prefix.
 *
 * @param prefix what every stored key of the guest starts with
 */
public record KeyNamespace(String prefix) {
    /** The prefix of per-function namespaces, followed by the function's name and {@code :}. */
    public static final String FUNCTION_PREFIX = "capa:fn:";
    /** The one namespace shared by every guest in {@code shared} mode. */
    public static final String SHARED_PREFIX = "capa:guest:";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public KeyNamespace {
        Objects.requireNonNull(prefix, "prefix");
        boolean function = prefix.startsWith(FUNCTION_PREFIX) && prefix.endsWith(":")
                && NAME.matcher(prefix.substring(FUNCTION_PREFIX.length(), prefix.length() - 1)).matches();
        if (!function && !prefix.equals(SHARED_PREFIX) && !prefix.isEmpty()) {
            throw new IllegalArgumentException("a guest key namespace is " + FUNCTION_PREFIX + "<name>: (name of letters, digits, "
                    + "'.', '_', '-'), " + SHARED_PREFIX + " or empty, was '" + prefix + "'");
        }
    }

    /** The namespace of one function; {@code name} must be letters, digits, '.', '_' or '-'. */
    public static KeyNamespace function(String name) {
        return new KeyNamespace(FUNCTION_PREFIX + name + ":");
    }

    /** The namespace of a module loaded under any name: characters a name cannot hold become '_'. */
    public static KeyNamespace forLoadedName(String loadedName) {
        String safe = loadedName.replaceAll("[^A-Za-z0-9_.-]", "_");
        return function(safe.isEmpty() ? "_" : safe.substring(0, Math.min(128, safe.length())));
    }

    /** The namespace every guest shares ({@code capa.functions.kv-namespace=shared}). */
    public static KeyNamespace shared() {
        return new KeyNamespace(SHARED_PREFIX);
    }

    /**
     * No prefix: only for a key/value store that holds nothing but this guest's keys (the state of
     * one wasm actor), never for the server's shared store.
     */
    public static KeyNamespace ownStore() {
        return new KeyNamespace("");
    }

    /** The stored key of the guest's {@code key}. */
    public String key(String guestKey) {
        return prefix + guestKey;
    }

    /** The store pattern of the guest's {@code pattern}: it matches only keys inside the namespace. */
    public String pattern(String guestPattern) {
        return prefix + guestPattern;
    }

    /** The guest's view of stored keys: those inside the namespace, prefix removed; others are dropped. */
    public List<String> guestKeys(List<String> storedKeys) {
        return storedKeys.stream().map(this::guestKey).flatMap(Optional::stream).toList();
    }

    private Optional<String> guestKey(String storedKey) {
        return storedKey.startsWith(prefix) ? Optional.of(storedKey.substring(prefix.length())) : Optional.empty();
    }
}
