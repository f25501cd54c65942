// SPDX-License-Identifier: Apache-2.0
/**
 * The database API over HTTP, {@code /v1.0-alpha1/database/{name}/...}: query, exec, transaction and
 * close, shaped as Dapr's PostgreSQL and MySQL binding operations, over lib-api's
 * {@link io.capaee.api.database.Database}.
 */
package io.capaee.proxy.database;
