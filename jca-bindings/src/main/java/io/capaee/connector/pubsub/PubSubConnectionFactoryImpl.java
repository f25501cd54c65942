// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.api.pubsub.PubSubException;
import io.capaee.connector.outbound.ConnectionFactoryBase;
import jakarta.resource.spi.ConnectionManager;

/** The {@link PubSubConnectionFactory} bound in JNDI; hands out handles through the container. */
public final class PubSubConnectionFactoryImpl extends ConnectionFactoryBase<PubSubConnection> implements PubSubConnectionFactory {
    private static final long serialVersionUID = 1L;

    PubSubConnectionFactoryImpl(PubSubManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager, PubSubConnection.class, PubSubException::new);
    }
}
