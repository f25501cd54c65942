// SPDX-License-Identifier: Apache-2.0
/** What every Dapr v1.0 HTTP API of the gateway shares: Dapr's error codes inside problem details. */
package io.capaee.proxy.dapr;
