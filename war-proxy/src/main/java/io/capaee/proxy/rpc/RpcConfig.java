// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.rpc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code capa.app.id} and {@code capa.rpc.*} configuration (server.xml variables). */
@ApplicationScoped
public class RpcConfig {
    @Inject
    @ConfigProperty(name = "capa.app.id")
    String appId;

    @Inject
    @ConfigProperty(name = "capa.rpc.strict")
    boolean strict;

    /** This server's application id (Dapr's app id): how other servers address it. */
    public String appId() {
        return appId;
    }

    /** Whether requests carrying field ids the service's schema does not know are refused (400). */
    public boolean strict() {
        return strict;
    }
}
