// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.appcallback;

import io.capaee.grpc.AppCallbackChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The gateway's one set of connections to gRPC apps, shared by service invocation and pub/sub deliveries. */
@ApplicationScoped
public class AppCallbackConnections {
    @Produces
    @ApplicationScoped
    AppCallbackChannels channels() {
        return new AppCallbackChannels();
    }

    void close(@Disposes AppCallbackChannels channels) {
        channels.close();
    }
}
