// SPDX-License-Identifier: Apache-2.0
/**
 * How the server reads its settings: {@link Durations}, the one grammar of every duration (Go's
 * {@code 500ms}, {@code 1h30m}, or ISO-8601 {@code PT0.5S}), also as the MicroProfile Config
 * converter of {@code java.time.Duration}; and {@link RenamedSettings}, the settings renamed into the
 * scheme {@code capa.<area>.<name>}, whose old names are still read for one release through
 * {@link RenamedSettingsConfigSource}.
 */
package io.capaee.api.config;
