// SPDX-License-Identifier: Apache-2.0
/** Forwarding {@code /functions/...} to upstreams: route resolution, round-robin with passive health, streaming. */
package io.capaee.proxy.forward;
