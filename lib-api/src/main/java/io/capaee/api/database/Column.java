// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

/**
 * A column of a query's result.
 *
 * @param name its label in the result
 * @param type the database's own type name, lower case ({@code int4}, {@code numeric}, {@code bigint}, {@code blob})
 * @param jdbcType the portable JDBC type ({@code INTEGER}, {@code NUMERIC}, {@code VARBINARY}), a {@link java.sql.JDBCType} name
 */
public record Column(String name, String type, String jdbcType) {
}
