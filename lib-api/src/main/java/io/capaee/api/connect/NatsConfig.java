// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

/**
 * The {@code nats} object of a consumer or producer step: the data-side NATS server, and the
 * user JWT and NKey seed used when {@code auth_enabled} is true.
 */
public record NatsConfig(String url, boolean authEnabled, String jwt, String seed) {
    @Override
    public String toString() {
        return "NatsConfig[url=" + url + ", authEnabled=" + authEnabled + "]"; // no secrets in logs
    }
}
