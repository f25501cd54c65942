// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

/** What an {@code exec} answers: the rows the statement inserted, changed or deleted (0 for DDL). */
public record ExecResult(long rowsAffected) implements StatementResult {
}
