// SPDX-License-Identifier: Apache-2.0
/**
 * What the modules that speak Dapr's gRPC protocol share: the connections to apps that serve Dapr's
 * {@code AppCallback} service. The library sits in the EAR's {@code lib/} with grpc-java and Dapr's generated classes.
 */
package io.capaee.grpc;
