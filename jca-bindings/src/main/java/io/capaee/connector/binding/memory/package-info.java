// SPDX-License-Identifier: Apache-2.0
/** The {@code memory} output binding: a key/value map in this server, the embedded default. */
package io.capaee.connector.binding.memory;
