// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.database;

/** What one statement answered: rows, or a count of rows affected. */
public sealed interface StatementResult permits QueryResult, ExecResult {
}
