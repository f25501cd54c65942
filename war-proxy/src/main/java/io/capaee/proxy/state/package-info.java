// SPDX-License-Identifier: Apache-2.0
/** Dapr's state API, {@code /v1.0/state/{store}}, over the resource adapter's state stores. */
package io.capaee.proxy.state;
