// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real PostgreSQL (127.0.0.1:5432, user postgres, database test) and MariaDB (127.0.0.1:3306,
 * root, database test) of the machine, as the drivers' own data sources (Liberty's pooled ones on
 * the server), and a table name of this test run's own, dropped with its sequence afterwards.
 */
final class SqlTestDatabases {
    final String table = "capa_state_t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    final PGSimpleDataSource postgresql = new PGSimpleDataSource();
    final MariaDbDataSource mariadb;

    SqlTestDatabases() {
        postgresql.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        postgresql.setUser("postgres");
        try {
            mariadb = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data source of a SQL {@code backend}, or null. */
    DataSource of(String backend) {
        return switch (backend) {
            case "postgresql" -> postgresql;
            case "mariadb" -> mariadb;
            default -> null;
        };
    }

    /** Points a factory of a SQL backend at this run's table in the real database. */
    void configure(StateManagedConnectionFactory f) {
        DataSource ds = of(f.getBackend());
        if (ds != null) {
            f.setDataSource("jdbc/test/" + f.getBackend());
            f.setTable(table);
            f.setDataSourceLookup(name -> ds);
        }
    }

    void dropTables() {
        drop(postgresql);
        drop(mariadb);
    }

    private void drop(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("DROP SEQUENCE IF EXISTS " + table + "_version");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test table " + table + ": " + e.getMessage(), e);
        }
    }
}
