// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.security.AdminOnly;
import io.capaee.api.security.AdminRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** The admin check of route changes: the admin token, or loopback only when none is configured. */
@Provider
@AdminOnly
public class ProxyAdminFilter extends AdminRequestFilter {
    @Override
    protected String component() {
        return "reverse-proxy";
    }
}
