// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Requests and a hand-driven clock for the traffic tests. */
final class RulesFixture {
    long now = 1_000_000_000L;

    static RequestView request(String host, String method, String path, Map<String, String> headers) {
        UnaryOperator<String> header = name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        return new RequestView(host, method, path, header);
    }

    static RequestView get(String path) {
        return request("localhost", "GET", path, Map.of());
    }

    long nanoTime() {
        return now;
    }

    void advanceSeconds(double seconds) {
        now += (long) (seconds * 1e9);
    }
}
