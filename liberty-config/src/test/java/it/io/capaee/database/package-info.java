// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the database API against the machine's PostgreSQL and MariaDB. */
package it.io.capaee.database;
