// SPDX-License-Identifier: Apache-2.0
/** Dapr's distributed lock API, {@code /v1.0-alpha1/lock|unlock/{store}}, over the resource adapter's lock stores. */
package io.capaee.proxy.lock;
