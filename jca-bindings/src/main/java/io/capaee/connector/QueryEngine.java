// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

/**
 * A document-database backend behind {@link io.capaee.api.query.QueryConnection} handles.
 * Thread-safe and shared by the managed connections of one managed connection factory; throws
 * {@link io.capaee.api.query.QueryException} when a statement cannot be run.
 */
public interface QueryEngine {
    /** The rows of {@code statement} as one compact JSON array with sorted keys; {@code []} if none. */
    String query(String statement);

    /** A short description for logs and metadata; no secrets. */
    String describe();
}
