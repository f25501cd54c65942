// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

/**
 * Shadow traffic: {@code percent} of a rule's requests (0-100) are also sent to {@code url},
 * whose answers are discarded; the client always gets the primary upstream's answer.
 */
public record Mirror(String url, double percent) {
    public Mirror {
        if (url == null || (!url.startsWith("http://") && !url.startsWith("https://"))) {
            throw TrafficException.invalid("the mirror URL '" + url + "' is not an http:// or https:// URL");
        }
        if (!(percent >= 0 && percent <= 100)) {
            throw TrafficException.invalid("the mirror percent must be between 0 and 100, not " + percent);
        }
    }
}
