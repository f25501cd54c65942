// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import io.capaee.api.security.AccessFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/** Who may use the registry: downloads are public, the listing needs a viewer, writes an admin. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class RegistryAccessFilter extends AccessFilter {
    @Override
    protected String component(Class<?> resourceClass) {
        return "registry";
    }
}
