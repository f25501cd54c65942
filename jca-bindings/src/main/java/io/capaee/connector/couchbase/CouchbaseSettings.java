// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.couchbase;

import io.capaee.connector.InvalidConfigException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to reach Couchbase. Credentials have no defaults: empty means "not configured",
 * which is legal at deploy time and fails at the first query. {@code bucket} empty means cluster-level
 * queries; otherwise queries run in that bucket's default scope. The password is never printed.
 */
public record CouchbaseSettings(
        String connectionString, String username, String password, String bucket, int timeoutMillis) {

    public CouchbaseSettings {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(bucket, "bucket");
        if (connectionString == null || connectionString.isBlank()) {
            throw new InvalidConfigException("connectionString", "must be set, e.g. couchbase://127.0.0.1");
        }
        int scheme = connectionString.indexOf("://");
        if (scheme >= 0) {
            String name = connectionString.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!name.equals("couchbase") && !name.equals("couchbases")) {
                throw new InvalidConfigException("connectionString", "scheme '" + name
                        + "' is neither couchbase:// nor couchbases:// in '" + connectionString + "'");
            }
        }
        if (timeoutMillis < 1) {
            throw new InvalidConfigException("timeoutMillis", timeoutMillis + " must be at least 1 ms");
        }
    }

    /** True when both username and password are set. */
    public boolean configured() {
        return !username.isEmpty() && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "CouchbaseSettings[" + connectionString + ", username=" + username + ", bucket=" + bucket
                + ", timeoutMillis=" + timeoutMillis + ", password=" + (password.isEmpty() ? "none" : "***") + "]";
    }
}
