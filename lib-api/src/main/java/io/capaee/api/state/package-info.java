// SPDX-License-Identifier: Apache-2.0
/**
 * The state building block (Dapr's state API, cloud-runtimes' {@code StateRuntimes}): named state
 * stores with ETags, first-write/last-write concurrency, TTLs and atomic transactions. Application
 * code gets a store with {@code @Resource(lookup = "eis/capa/state/NAME") StateConnectionFactory}.
 */
package io.capaee.api.state;
