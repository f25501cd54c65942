// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the schedule API (jobs) against the test server, its Redis and an application on {@code capa.app.url}. */
package it.io.capaee.jobs;
