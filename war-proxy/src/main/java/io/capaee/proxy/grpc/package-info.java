// SPDX-License-Identifier: Apache-2.0
/**
 * Dapr's gRPC API ({@code dapr.proto.runtime.v1.Dapr}) on its own port, {@code capa.grpc.port}: grpc-java inside
 * this WAR (docs/grpc.md says why), on the same building-block classes and access policy as the HTTP API.
 */
package io.capaee.proxy.grpc;
