// SPDX-License-Identifier: Apache-2.0
/** Dapr's shutdown call ({@code POST /v1.0/shutdown}, gRPC {@code Shutdown}): off unless the operator allows it. */
package io.capaee.proxy.shutdown;
