// SPDX-License-Identifier: Apache-2.0
/**
 * Traces: Capa EE's spans over the OpenTelemetry API that MicroProfile Telemetry provides ({@link
 * io.capaee.api.tracing.Traces}, {@link io.capaee.api.tracing.TraceSpan}), and the W3C trace context carried across
 * hops in headers, CloudEvents and broker messages ({@link io.capaee.api.tracing.TraceContext}). With tracing off
 * (the default, {@code otel.sdk.disabled=true}) every call is a check of one boolean.
 */
package io.capaee.api.tracing;
