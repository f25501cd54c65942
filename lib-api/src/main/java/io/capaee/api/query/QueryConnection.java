// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.query;

/** A handle on a document database; not thread-safe, closed after use. */
public interface QueryConnection extends AutoCloseable {
    /**
     * Runs a SQL++ statement and returns its rows as one compact JSON array (keys sorted),
     * {@code []} when there are none.
     *
     * @throws QueryException when the database cannot be reached or rejects the statement
     */
    String query(String statement);

    @Override
    void close();
}
