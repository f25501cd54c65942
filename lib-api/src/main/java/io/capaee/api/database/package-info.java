// SPDX-License-Identifier: Apache-2.0
/**
 * The database building block (cloud-runtimes' {@code DatabaseService}, alpha): SQL statements with
 * parameters over a Liberty {@code <dataSource>} whose JNDI name is {@code jdbc/capa/NAME}. A
 * {@link io.capaee.api.database.Database} runs {@code query} (rows with typed columns), {@code exec}
 * (rows affected) and transactions of several statements, each statement under a time limit and each
 * query under a row limit ({@code capa.database.NAME.timeout-seconds}, {@code capa.database.NAME.max-rows}).
 * Parameters are bound, never spliced into the SQL.
 *
 * <p>Application code anywhere in the EAR injects one with
 * {@code @Inject @CapaComponent("orders") Database orders;} or looks it up with
 * {@link io.capaee.api.database.Databases#lookup(String)}.
 */
package io.capaee.api.database;
