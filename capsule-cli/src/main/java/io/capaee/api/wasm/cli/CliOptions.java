// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The launcher's command line in Go's {@code flag} syntax, as Capsule parsed it: {@code -name=value},
 * {@code --name=value} or {@code -name value}; flags stop at the first other argument or {@code --}.
 * Repeatable flags ({@code -env}, {@code -allow-http}) collect every value.
 *
 * @param flags the last value of each flag
 * @param repeated every value of the repeatable flags
 * @param positional the handler's arguments
 */
record CliOptions(Map<String, String> flags, Map<String, List<String>> repeated, List<String> positional) {
    static final Set<String> KNOWN = Set.of("mode", "wasm", "url", "files", "env", "allow-http", "timeout", "max-memory-pages", "interpreter",
            "insecure", "max-bytes", "sha256");
    private static final Set<String> REPEATABLE = Set.of("env", "allow-http");
    private static final Set<String> BOOLEAN = Set.of("interpreter", "insecure");

    static CliOptions parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name;
            String value;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (BOOLEAN.contains(body)) {
                name = body;
                value = "true";
            } else {
                name = body;
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("flag needs an argument: -" + name);
                }
                value = args[++i];
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("flag provided but not defined: -" + name);
            }
            flags.put(name, value);
            if (REPEATABLE.contains(name)) {
                repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            i++;
        }
        List<String> positional = new ArrayList<>();
        for (; i < args.length; i++) {
            positional.add(args[i]);
        }
        return new CliOptions(flags, repeated, positional);
    }

    String flag(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    List<String> all(String name) {
        return repeated.getOrDefault(name, List.of());
    }
}
