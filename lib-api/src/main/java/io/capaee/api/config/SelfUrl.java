// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.config;

import java.util.Optional;

/**
 * Where the other servers reach this one ({@code capa.invoke.self-url}): service invocation registers it,
 * actor placement forwards calls to it. Its default is computed, so it is stated here once rather than in
 * the server.xml fragment.
 */
public final class SelfUrl {
    private SelfUrl() {}

    /** {@code configured} when it is set and not blank, else {@code http://localhost:<httpPort>} (right on one machine only). */
    public static String of(Optional<String> configured, String httpPort) {
        return configured.map(String::strip).filter(u -> !u.isEmpty()).orElseGet(() -> "http://localhost:" + httpPort.strip());
    }
}
