// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.outbound;

import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.couchbase.CouchbaseQueryEngine;
import io.capaee.connector.couchbase.CouchbaseSettings;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * Query connections to Couchbase ({@code eis/capa/couchbase}). Deploying never touches the
 * network: the cluster connects on the first query. Credentials have no defaults; until both are
 * set, queries fail with "couchbase is not configured: set username/password".
 */
@ConnectionDefinition(
        connectionFactory = QueryConnectionFactory.class,
        connectionFactoryImpl = QueryConnectionFactoryImpl.class,
        connection = QueryConnection.class,
        connectionImpl = QueryConnectionHandle.class)
public class QueryManagedConnectionFactory extends BackendManagedConnectionFactory<CouchbaseQueryEngine> {
    private static final long serialVersionUID = 1L;

    static final String DEFAULT_CONNECTION_STRING = "couchbase://127.0.0.1";
    static final int DEFAULT_TIMEOUT_MILLIS = 5000;

    @ConfigProperty(defaultValue = DEFAULT_CONNECTION_STRING,
            description = "Couchbase connection string: couchbase://host[,host] or couchbases://host for TLS")
    private String connectionString = DEFAULT_CONNECTION_STRING;

    @ConfigProperty(defaultValue = "", description = "Couchbase user name; empty means not configured")
    private String username = "";

    @ConfigProperty(defaultValue = "", confidential = true,
            description = "Couchbase password; empty means not configured")
    private String password = "";

    @ConfigProperty(defaultValue = "",
            description = "Bucket whose default scope runs the queries; empty for cluster-level queries")
    private String bucket = "";

    @ConfigProperty(defaultValue = "" + DEFAULT_TIMEOUT_MILLIS,
            description = "Connect and query timeout in milliseconds")
    private Integer timeoutMillis = DEFAULT_TIMEOUT_MILLIS;

    @Override
    protected void validate() {
        settings();
    }

    /** The shared engine of this factory (it connects on its first query). */
    @Override
    protected CouchbaseQueryEngine openBackend() {
        return new CouchbaseQueryEngine(settings());
    }

    @Override
    public String describe() {
        return "couchbase " + connectionString;
    }

    private CouchbaseSettings settings() {
        if (timeoutMillis == null) {
            throw new InvalidConfigException("timeoutMillis", "must be set");
        }
        return new CouchbaseSettings(connectionString, blankToEmpty(username), blankToEmpty(password),
                blankToEmpty(bucket), timeoutMillis);
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    public String getConnectionString() {
        return connectionString;
    }

    public void setConnectionString(String connectionString) {
        this.connectionString = connectionString;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }
}
