// SPDX-License-Identifier: Apache-2.0
/**
 * Traffic rules for any HTTP upstream: matching (host, path prefix, methods, headers), weighted
 * splits, header-pinned versions, mirroring, per-route timeouts and retries, a circuit breaker per
 * upstream, and the per-route statistics. Shared by the reverse proxy (war-proxy) and the outbound
 * client filter the EAR's applications register; no Liberty code here.
 */
package io.capaee.api.traffic;
