// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@link AccessPolicy} of the server's current settings, read from MicroProfile Config at most every
 * five seconds, so that a changed token (a rotation) takes effect without a restart and a request does not
 * pay for a configuration lookup.
 */
public final class CurrentPolicy {
    private static final long SETTINGS_NANOS = 5_000_000_000L;

    private volatile AccessPolicy policy;
    private volatile long readAt;

    public AccessPolicy get() {
        AccessPolicy p = policy;
        long now = System.nanoTime();
        if (p == null || now - readAt > SETTINGS_NANOS) {
            p = new AccessPolicy(SecuritySettings.from(ConfigProvider.getConfig()));
            policy = p;
            readAt = now;
        }
        return p;
    }
}
