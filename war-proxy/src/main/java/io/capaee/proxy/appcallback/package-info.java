// SPDX-License-Identifier: Apache-2.0
/**
 * The app side of Dapr's gRPC protocol: connections to apps that serve Dapr's {@code AppCallback} service
 * ({@code capa.app.protocol=grpc}, or a {@code grpc://} app URL for service invocation), as Dapr's
 * {@code --app-protocol grpc} reaches them.
 */
package io.capaee.proxy.appcallback;
