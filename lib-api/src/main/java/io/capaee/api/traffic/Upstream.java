// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import java.util.Objects;

/**
 * One version a rule sends traffic to: a name (what a pin header names, and the metrics' tag), a
 * base URL ({@code http(s)://host:port[/base]}) and a weight (its share is weight over the sum of
 * the rule's weights; 0: only reached when pinned).
 */
public record Upstream(String name, String url, int weight) {
    public Upstream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (name.isBlank()) {
            throw TrafficException.invalid("an upstream needs a name");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw TrafficException.invalid("upstream " + name + ": '" + url + "' is not an http:// or https:// URL");
        }
        if (weight < 0) {
            throw TrafficException.invalid("upstream " + name + ": the weight must not be negative");
        }
    }
}
