// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the Dapr-compatible API: metadata, secrets, configuration, invocation, limits, the SDK, proxyless mode. */
package it.io.capaee.dapr;
