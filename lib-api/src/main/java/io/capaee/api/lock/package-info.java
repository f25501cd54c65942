// SPDX-License-Identifier: Apache-2.0
/**
 * The distributed lock building block (Dapr's lock API, cloud-runtimes' {@code LockRuntimes}):
 * leases on a resource id held by an owner. Application code gets a store with
 * {@code @Resource(lookup = "eis/capa/lock/NAME") LockConnectionFactory}.
 */
package io.capaee.api.lock;
