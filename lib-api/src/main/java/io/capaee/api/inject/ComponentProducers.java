// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inject;

import io.capaee.api.CapaException;
import io.capaee.api.configuration.ConfigurationConnectionFactory;
import io.capaee.api.lock.LockConnectionFactory;
import io.capaee.api.secrets.SecretStore;
import io.capaee.api.secrets.SecretStores;
import io.capaee.api.state.StateConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Produces the named components for {@link CapaComponent} injection points. A name that server.xml
 * does not bind fails the injection with a {@link CapaException} naming the JNDI name. The
 * factories are thread-safe: inject them once, take a connection per unit of work.
 */
@ApplicationScoped
public class ComponentProducers {
    @Produces
    @CapaComponent("")
    public StateConnectionFactory state(InjectionPoint point) {
        return lookup("state", point, StateConnectionFactory.class);
    }

    @Produces
    @CapaComponent("")
    public LockConnectionFactory lock(InjectionPoint point) {
        return lookup("lock", point, LockConnectionFactory.class);
    }

    @Produces
    @CapaComponent("")
    public ConfigurationConnectionFactory configuration(InjectionPoint point) {
        return lookup("configuration", point, ConfigurationConnectionFactory.class);
    }

    /** A secret store declared as {@code capa.secretstore.NAME.*} in MicroProfile Config. */
    @Produces
    @CapaComponent("")
    public SecretStore secrets(InjectionPoint point) {
        String name = name(point);
        return SecretStores.fromConfig(ConfigProvider.getConfig()).store(name)
                .orElseThrow(() -> new CapaException("no secret store " + name + " (capa.secretstore." + name + ".type)"));
    }

    private static <T> T lookup(String kind, InjectionPoint point, Class<T> type) {
        String jndiName = "eis/capa/" + kind + "/" + name(point);
        try {
            return type.cast(new InitialContext().lookup(jndiName));
        } catch (NamingException | ClassCastException e) {
            throw new CapaException("cannot inject " + type.getSimpleName() + " " + jndiName + ": " + e.getMessage(), e);
        }
    }

    private static String name(InjectionPoint point) {
        CapaComponent component = point.getAnnotated().getAnnotation(CapaComponent.class);
        if (component == null || component.value().isBlank()) {
            throw new CapaException("@CapaComponent needs the component's name at " + point.getMember());
        }
        return component.value();
    }
}
