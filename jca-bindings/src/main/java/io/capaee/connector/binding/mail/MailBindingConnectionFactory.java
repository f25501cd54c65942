// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mail;

import io.capaee.api.binding.MailBindingFactory;
import io.capaee.connector.binding.BindingConnectionFactory;
import jakarta.resource.spi.ConnectionManager;

/** The {@link MailBindingFactory} bound in JNDI. */
public final class MailBindingConnectionFactory extends BindingConnectionFactory implements MailBindingFactory {
    private static final long serialVersionUID = 1L;

    MailBindingConnectionFactory(MailBindingManagedConnectionFactory factory, ConnectionManager manager) {
        super(factory, manager);
    }
}
