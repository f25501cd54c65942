// SPDX-License-Identifier: Apache-2.0
/**
 * Dapr's configuration API, {@code /v1.0/configuration/{store}} (and the older
 * {@code /v1.0-alpha1/...} paths): get, subscribe with change notifications POSTed to the app
 * ({@code capa.app.url}), unsubscribe. Stores: Redis connection factories
 * {@code eis/capa/configuration/NAME} and MicroProfile Config ({@code capa.configstore.NAME.*}).
 */
package io.capaee.proxy.configuration;
