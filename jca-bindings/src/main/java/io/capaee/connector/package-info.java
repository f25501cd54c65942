// SPDX-License-Identifier: Apache-2.0
/**
 * The Capa EE resource adapter: {@link io.capaee.connector.CapaResourceAdapter} (lifecycle, and
 * owner of every shared client it closes on stop), the module's root exception
 * {@link io.capaee.connector.BindingException}, and the backend contracts
 * ({@link io.capaee.connector.KeyValueStore}, {@link io.capaee.connector.QueryEngine}) that the
 * outbound plumbing delegates to and the backend packages implement.
 */
package io.capaee.connector;
