// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.database;

import io.capaee.api.database.Database;
import io.capaee.api.database.Databases;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases server.xml declares, found on first use and kept (a JNDI lookup per request costs
 * more than a short query); a name with no data source is looked up again next time, so a data
 * source added to server.xml while the server runs is found.
 */
@ApplicationScoped
public class DatabaseDirectory {
    private final Map<String, Database> found = new ConcurrentHashMap<>();

    public Optional<Database> find(String name) {
        Database database = found.get(name);
        if (database != null) {
            return Optional.of(database);
        }
        Optional<Database> looked = Databases.lookup(name);
        looked.ifPresent(d -> found.putIfAbsent(name, d));
        return looked;
    }
}
