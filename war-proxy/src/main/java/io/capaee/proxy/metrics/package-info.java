// SPDX-License-Identifier: Apache-2.0
/**
 * The gateway's MicroProfile Metrics: the capability metric classes of {@code io.capaee.api.metrics}
 * over the application registry, for injection, and the connectors' counters brought into metrics.
 */
package io.capaee.proxy.metrics;
