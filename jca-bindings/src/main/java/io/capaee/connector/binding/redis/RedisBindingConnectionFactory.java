// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.redis;

import io.capaee.api.binding.RedisBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link RedisBindingFactory} bound in JNDI. */
public final class RedisBindingConnectionFactory extends BindingConnectionFactory implements RedisBindingFactory {
    private static final long serialVersionUID = 1L;

    RedisBindingConnectionFactory(RedisBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
