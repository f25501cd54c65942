// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateException;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.store.NamespacedStoreManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * State stores ({@code eis/capa/state/NAME}): memory (default), Redis, PostgreSQL or MariaDB, keys
 * namespaced by {@code appId}. See {@link NamespacedStoreManagedConnectionFactory} for the config
 * properties; the memory backend is bounded by {@code maxEntries} and {@code maxBytes}; the SQL
 * backends keep their entries in {@code table} of the Liberty data source {@code dataSource}.
 */
@ConnectionDefinition(
        connectionFactory = StateConnectionFactory.class,
        connectionFactoryImpl = StateConnectionFactoryImpl.class,
        connection = StateConnection.class,
        connectionImpl = StateConnectionHandle.class)
public class StateManagedConnectionFactory extends NamespacedStoreManagedConnectionFactory<StateBackend> {
    private static final long serialVersionUID = 1L;
    private static final String DEFAULT_TABLE = "capa_state";
    /** A plain SQL identifier, short enough for the suffixes of the sequence and the index within 63 characters. */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,54}");

    @ConfigProperty(defaultValue = "100000", description = "Most entries the memory backend holds; a write beyond is refused")
    private Long maxEntries = 100_000L;

    @ConfigProperty(defaultValue = "134217728", description = "Most bytes of keys and values (UTF-8) the memory backend holds")
    private Long maxBytes = 134_217_728L;

    @ConfigProperty(defaultValue = "", description = "JNDI name of the Liberty dataSource holding the table (backends postgresql, mariadb)")
    private String dataSource = "";

    @ConfigProperty(defaultValue = DEFAULT_TABLE, description = "Table of the entries (backends postgresql, mariadb);"
            + " created with its sequence TABLE_version when missing")
    private String table = DEFAULT_TABLE;

    @ConfigProperty(defaultValue = "3600", description = "Seconds between deletions of expired entries (backends"
            + " postgresql, mariadb); 0: never (they are never read either way)")
    private Long cleanupIntervalSeconds = 3600L;

    /** Finds the data source by JNDI name; tests set their own, the container has none to set. */
    private transient Function<String, DataSource> dataSources;

    @Override
    protected void validateStore() {
        super.validateStore();
        atLeastOne("maxEntries", maxEntries, "capa.state.memory.max-entries");
        atLeastOne("maxBytes", maxBytes, "capa.state.memory.max-bytes");
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new StateConnectionHandle(namespace());
    }

    @Override
    protected StateBackend memoryBackend() {
        return new MemoryStateBackend(maxEntries, maxBytes); // checked by validateStore()
    }

    @Override
    protected StateBackend redisBackend(RedisClient redis) {
        return new RedisStateBackend(redis, namespace());
    }

    @Override
    protected Set<String> otherBackends() {
        return Set.of(SqlDialect.POSTGRESQL.backendName(), SqlDialect.MARIADB.backendName());
    }

    @Override
    protected void validateOther(String kind) {
        if (dataSource == null || dataSource.isBlank()) {
            throw new InvalidConfigException("dataSource", "backend " + kind + " needs the JNDI name of a dataSource"
                    + " (capa.state.data-source for the statestore)");
        }
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new InvalidConfigException("table", "'" + table + "' is not a table name: letters, digits and _,"
                    + " not starting with a digit, at most 55 characters");
        }
        if (cleanupIntervalSeconds == null || cleanupIntervalSeconds < 0) {
            throw new InvalidConfigException("cleanupIntervalSeconds", cleanupIntervalSeconds + " must be 0 (never) or more");
        }
    }

    @Override
    protected StateBackend otherBackend(String kind) {
        String name = dataSource.strip();
        Function<String, DataSource> find = dataSources == null ? StateManagedConnectionFactory::jndi : dataSources;
        return new SqlStateBackend(() -> find.apply(name), SqlDialect.of(kind), table,
                Math.multiplyExact(cleanupIntervalSeconds, 1000L), () -> System.nanoTime() / 1_000_000L);
    }

    @Override
    protected String describeOther(String kind) {
        return kind + " " + dataSource + " table " + table;
    }

    private static DataSource jndi(String name) {
        try {
            Object found = InitialContext.doLookup(name);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new StateException("state store: '" + name + "' in JNDI is a " + found.getClass().getName()
                    + ", not a dataSource");
        } catch (NamingException e) {
            throw new StateException("state store: no dataSource '" + name + "' in JNDI (a <dataSource jndiName=\""
                    + name + "\"> in server.xml): " + e.getMessage(), e);
        }
    }

    /** Tests: find data sources here rather than in JNDI. */
    void setDataSourceLookup(Function<String, DataSource> dataSources) {
        this.dataSources = dataSources;
    }

    public String getDataSource() {
        return dataSource;
    }

    public void setDataSource(String dataSource) {
        this.dataSource = dataSource;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Long getCleanupIntervalSeconds() {
        return cleanupIntervalSeconds;
    }

    public void setCleanupIntervalSeconds(Long cleanupIntervalSeconds) {
        this.cleanupIntervalSeconds = cleanupIntervalSeconds;
    }

    public Long getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(Long maxEntries) {
        this.maxEntries = maxEntries;
    }

    public Long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(Long maxBytes) {
        this.maxBytes = maxBytes;
    }
}
