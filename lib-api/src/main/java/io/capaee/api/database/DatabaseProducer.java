// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.CapaException;
import io.capaee.api.inject.CapaComponent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;

/**
 * Produces {@code @Inject @CapaComponent("NAME") Database} for code anywhere in the EAR. A name that
 * server.xml does not declare fails the injection with a {@link CapaException} naming the JNDI name.
 */
@ApplicationScoped
public class DatabaseProducer {
    @Produces
    @CapaComponent("")
    public Database database(InjectionPoint point) {
        CapaComponent component = point.getAnnotated().getAnnotation(CapaComponent.class);
        if (component == null || component.value().isBlank()) {
            throw new CapaException("@CapaComponent needs the database's name at " + point.getMember());
        }
        String name = component.value();
        return Databases.lookup(name).orElseThrow(() -> new CapaException(
                "no database named " + name + ": server.xml has no <dataSource jndiName=\"" + Databases.JNDI_PREFIX + name + "\">"));
    }
}
