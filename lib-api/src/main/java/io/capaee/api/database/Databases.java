// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import io.capaee.api.CapaException;
import io.capaee.api.actors.EventTarget;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds the databases that server.xml declares: database {@code NAME} is the {@code <dataSource>}
 * with {@code jndiName="jdbc/capa/NAME"}, so only data sources named for this API are reachable by
 * name, not every data source of the server. Its limits come from MicroProfile Config
 * ({@link DatabaseLimits#of}).
 */
public final class Databases {
    /** The JNDI prefix of the data sources that are databases of this API. */
    public static final String JNDI_PREFIX = "jdbc/capa/";

    private Databases() {}

    /**
     * The database called {@code name}, or empty when server.xml declares none (or the name is not
     * one: letters, digits, '.', '-', '_').
     *
     * @throws io.capaee.api.InvalidValueException when its limits are set to something that is not a limit
     * @throws CapaException when JNDI cannot be asked, or the name is bound to something else
     */
    public static Optional<Database> lookup(String name) {
        return dataSource(name).map(ds -> new JdbcDatabase(name, ds, limits(name, ConfigProvider.getConfig())));
    }

    /** The limits of database {@code name} in {@code config}. */
    public static DatabaseLimits limits(String name, Config config) {
        return DatabaseLimits.of(name, key -> config.getOptionalValue(key, String.class));
    }

    /** The data source of database {@code name}, or empty when there is none. */
    public static Optional<DataSource> dataSource(String name) {
        if (!EventTarget.isName(name)) {
            return Optional.empty();
        }
        Object found;
        try {
            found = new InitialContext().lookup(JNDI_PREFIX + name);
        } catch (NameNotFoundException e) {
            return Optional.empty();
        } catch (NamingException e) {
            throw new CapaException("cannot look up " + JNDI_PREFIX + name + ": " + e.getMessage(), e);
        }
        if (found instanceof DataSource ds) {
            return Optional.of(ds);
        }
        throw new CapaException(JNDI_PREFIX + name + " is a " + found.getClass().getName() + ", not a data source");
    }
}
