// SPDX-License-Identifier: Apache-2.0
/** Dapr's {@code /v1.0/metadata} and {@code /v1.0/healthz}: what this sidecar runs, and whether it is ready. */
package io.capaee.proxy.metadata;
