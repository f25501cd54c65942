// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.couchbase;

import com.couchbase.client.core.error.CouchbaseException;
import com.couchbase.client.core.error.TimeoutException;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.client.java.query.QueryOptions;
import com.couchbase.client.java.query.QueryResult;
import io.capaee.api.query.QueryException;
import io.capaee.connector.QueryEngine;
import io.capaee.connector.outbound.SharedBackend;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs SQL++ statements on Couchbase with the real java-client. The {@link Cluster} is created on
 * the first query (never at deploy, so an absent Couchbase does not stop the server) and reused;
 * {@link #close()} disconnects it. Every query is bounded by {@code timeoutMillis}: an unreachable
 * cluster gives a {@link QueryException} after that long, it does not hang. TLS ({@code couchbases://})
 * uses the SDK's default trust (JVM trust store plus Capella's CA); verification is never disabled.
 *
 * <p>Thread-safe.
 */
public final class CouchbaseQueryEngine implements QueryEngine, SharedBackend {
    /** The message of the QueryException for a query while username or password are empty. */
    public static final String NOT_CONFIGURED = "couchbase is not configured: set username/password";

    private static final Logger LOG = Logger.getLogger(CouchbaseQueryEngine.class.getName());
    private static final int MAX_CAUSE_CHARS = 400;

    private final CouchbaseSettings settings;
    private final Object lock = new Object();
    private Cluster cluster; // guarded by lock
    private boolean closed; // guarded by lock

    public CouchbaseQueryEngine(CouchbaseSettings settings) {
        this.settings = settings;
    }

    @Override
    public String query(String statement) {
        if (!settings.configured()) {
            throw new QueryException(NOT_CONFIGURED);
        }
        Duration timeout = Duration.ofMillis(settings.timeoutMillis());
        QueryOptions options = QueryOptions.queryOptions().timeout(timeout);
        try {
            Cluster c = cluster();
            QueryResult result = settings.bucket().isEmpty()
                    ? c.query(statement, options)
                    : c.bucket(settings.bucket()).defaultScope().query(statement, options);
            return RowsJson.toJson(result.rowsAs(Object.class));
        } catch (TimeoutException e) {
            throw new QueryException("couchbase at " + settings.connectionString() + " did not answer within "
                    + settings.timeoutMillis() + " ms: " + shorten(e), e);
        } catch (CouchbaseException e) {
            throw new QueryException("couchbase at " + settings.connectionString() + " failed the query: "
                    + shorten(e), e);
        }
    }

    @Override
    public String describe() {
        return "couchbase " + settings.connectionString()
                + (settings.bucket().isEmpty() ? "" : " bucket " + settings.bucket());
    }

    /** Disconnects the cluster if one was connected; later queries throw QueryException. */
    @Override
    public void close() {
        Cluster toClose;
        synchronized (lock) {
            closed = true;
            toClose = cluster;
            cluster = null;
        }
        if (toClose != null) {
            toClose.disconnect(Duration.ofMillis(settings.timeoutMillis()));
            LOG.log(Level.INFO, "Disconnected from couchbase at {0}", settings.connectionString());
        }
    }

    @Override
    public boolean closed() {
        synchronized (lock) {
            return closed;
        }
    }

    @Override
    public String toString() {
        return "couchbase query engine for " + settings.connectionString();
    }

    private Cluster cluster() {
        synchronized (lock) {
            if (closed) {
                throw new QueryException("couchbase client for " + settings.connectionString() + " is closed");
            }
            if (cluster == null) {
                Duration timeout = Duration.ofMillis(settings.timeoutMillis());
                ClusterOptions options = ClusterOptions.clusterOptions(settings.username(), settings.password())
                        .environment(env -> env.timeoutConfig(t -> t.connectTimeout(timeout)
                                .queryTimeout(timeout)
                                .kvTimeout(timeout)
                                .managementTimeout(timeout)
                                .disconnectTimeout(timeout)));
                // Cluster.connect returns at once and bootstraps in the background
                cluster = Cluster.connect(settings.connectionString(), options);
                LOG.log(Level.INFO, "Connecting to couchbase at {0}", settings.connectionString());
            }
            return cluster;
        }
    }

    private static String shorten(CouchbaseException e) {
        String message = String.valueOf(e.getMessage());
        return message.length() <= MAX_CAUSE_CHARS ? message : message.substring(0, MAX_CAUSE_CHARS) + "...";
    }
}
