// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.query;

/**
 * Hands out connections to a document database that answers SQL++ (N1QL) queries: Couchbase.
 * The resource adapter in {@code jca-bindings} binds one under {@code eis/capa/couchbase}.
 */
public interface QueryConnectionFactory {
    /** A connection to use for a short unit of work and then close; never null. */
    QueryConnection getConnection();
}
