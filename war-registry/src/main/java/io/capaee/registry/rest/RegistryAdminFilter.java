// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import io.capaee.api.security.AdminOnly;
import io.capaee.api.security.AdminRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** The admin check of registry writes (upload, delete): the admin token, or loopback only without one. */
@Provider
@AdminOnly
public class RegistryAdminFilter extends AdminRequestFilter {
    @Override
    protected String component() {
        return "registry";
    }
}
