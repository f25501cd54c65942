// SPDX-License-Identifier: Apache-2.0
/**
 * The Couchbase query backend: {@link io.capaee.connector.couchbase.CouchbaseQueryEngine} over the
 * real couchbase java-client (one {@code Cluster} per managed connection factory, connected lazily
 * on the first query, never at deploy; TLS verification as the SDK does it, never disabled), its
 * validated {@link io.capaee.connector.couchbase.CouchbaseSettings}, and
 * {@link io.capaee.connector.couchbase.RowsJson}, the rows-to-compact-JSON conversion. Couchbase
 * types never leave this package.
 */
package io.capaee.connector.couchbase;
