// SPDX-License-Identifier: Apache-2.0
/**
 * Dapr's service invocation, {@code /v1.0/invoke/{appId}/method/{method}}: app ids resolved from
 * server.xml or from the Redis registry that running servers write themselves into; timeouts
 * and retries by MicroProfile Fault Tolerance.
 */
package io.capaee.proxy.invoke;
