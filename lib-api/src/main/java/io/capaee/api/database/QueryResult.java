// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

import java.util.List;

/**
 * The rows of a query, each a list of values in column order. Values are {@code Long}, {@code BigDecimal},
 * {@code Double}, {@code Boolean}, {@code String}, {@code byte[]}, {@code LocalDate}, {@code LocalTime},
 * {@code LocalDateTime}, {@code OffsetDateTime} or null (SQL NULL).
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows) implements StatementResult {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows); // the rows themselves are unmodifiable lists that may hold nulls
    }
}
