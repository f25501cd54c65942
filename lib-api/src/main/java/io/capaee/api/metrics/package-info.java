// SPDX-License-Identifier: Apache-2.0
/**
 * The MicroProfile Metrics of each capability, one class per capability ({@code capa_actor_*},
 * {@code capa_binding_*}, {@code capa_pubsub_*}, {@code capa_connector_*}, {@code capa_registry_*},
 * {@code capa_proxy_*}), over a {@link org.eclipse.microprofile.metrics.MetricRegistry} that the module
 * using them injects. Each looks a metric up in the registry once per name and tags and keeps it, so
 * that a call costs one map lookup and the counter updates. No Liberty code here.
 */
package io.capaee.api.metrics;
