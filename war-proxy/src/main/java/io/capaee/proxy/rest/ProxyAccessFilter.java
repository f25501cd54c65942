// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rest;

import io.capaee.api.security.AccessFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;

/** Who may call the gateway's APIs: the Dapr API, route registration, connectors (levels on each resource). */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ProxyAccessFilter extends AccessFilter {
    @Override
    protected String component(Class<?> resourceClass) {
        return resourceClass == RegistrationResource.class ? "reverse-proxy" : "gateway";
    }
}
