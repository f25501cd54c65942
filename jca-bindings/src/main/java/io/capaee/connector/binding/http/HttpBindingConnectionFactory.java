// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.http;

import io.capaee.api.binding.HttpBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link HttpBindingFactory} bound in JNDI. */
public final class HttpBindingConnectionFactory extends BindingConnectionFactory implements HttpBindingFactory {
    private static final long serialVersionUID = 1L;

    HttpBindingConnectionFactory(HttpBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
